package dev.tessera.sdk.graph;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.rag.query.Query;
import dev.tessera.devservers.client.DevServers;
import dev.tessera.devservers.client.DevServersExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Neo4j going down, hanging and coming back, seen through {@link FlakyNetwork}: the retriever answers "unavailable"
 * within its timeout, the breaker opens, and service resumes by itself.
 */
@ExtendWith(DevServersExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GraphOutageTest {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration OPEN = Duration.ofSeconds(2);
    /** Scheduling slack on a busy two-core machine. */
    private static final Duration SLACK = Duration.ofMillis(750);
    private static final EvidenceQuery QUERY = EvidenceQuery.defaults().withK(1).withRelationshipTypes("HAS_SYMPTOM");

    @Test
    void breakerOpensWhileNeo4jIsDownAndServiceResumesByItself(DevServers servers) throws InterruptedException {
        SampleGraph.ensureLoaded(servers);
        try (FlakyNetwork network = FlakyNetwork.inFrontOf(servers.boltUri());
             KnowledgeGraph graph = KnowledgeGraph.connect(settings(network.boltUri()))) {
            GraphRetriever retriever = SampleGraph.retriever(graph);
            Evidence healthy = awaitAvailable(retriever, Duration.ofSeconds(10)); // A cold driver's first connection.

            network.down();
            for (int i = 0; i < 2; i++) {
                Evidence down = timed(() -> retriever.evidence("nausea", QUERY), QUERY_TIMEOUT.plus(SLACK));
                assertFalse(down.isAvailable());
                assertTrue(down.paths().isEmpty());
                assertTrue(down.reason().contains("Neo4j unavailable"), down.reason());
            }
            assertEquals(CircuitBreaker.State.OPEN, graph.breakerState());
            Evidence shed = timed(() -> retriever.evidence("nausea", QUERY), Duration.ofMillis(250));
            assertTrue(shed.reason().contains("circuit breaker open"), shed.reason());
            GraphUnavailableException linkShed = assertThrows(GraphUnavailableException.class,
                    () -> retriever.link("nausea", 3));
            assertTrue(linkShed.getMessage().contains("circuit breaker open"), linkShed.getMessage());

            network.hang();
            Thread.sleep(OPEN.toMillis());
            Evidence hung = timed(() -> retriever.evidence("nausea", QUERY), QUERY_TIMEOUT.plus(SLACK));
            assertFalse(hung.isAvailable());
            assertTrue(hung.reason().contains("did not answer within"), hung.reason());
            assertEquals(CircuitBreaker.State.OPEN, graph.breakerState(), "the probe failed");

            network.restore();
            Evidence recovered = awaitAvailable(retriever, OPEN.plus(Duration.ofSeconds(5)));
            assertEquals(CircuitBreaker.State.CLOSED, graph.breakerState());
            assertEquals(healthy.paths(), recovered.paths());
        }
    }

    @Test
    void breakerOpensWhenTheServerStopsAndClosesWhenItIsStartedAgain(@TempDir Path dataDir) throws Exception {
        DevServers first = DevServers.startOnFreePorts(dataDir);
        int boltPort = URI.create(first.boltUri()).getPort();
        int kafkaPort = Integer.parseInt(first.kafkaBootstrap().substring(first.kafkaBootstrap().lastIndexOf(':') + 1));
        DevServers restarted = null;
        try (KnowledgeGraph graph = KnowledgeGraph.connect(settings(first.boltUri()))) {
            new GraphSchema(graph, SampleGraph.english().dimension(), SampleGraph.chinese().dimension(),
                    Duration.ofSeconds(60)).ensure(SampleGraph.DOMAIN);
            SampleGraph.loader(graph).load(SampleGraph.DOMAIN, GraphFilesTest.graphDir("sample"));
            GraphRetriever retriever = SampleGraph.retriever(graph);
            Evidence healthy = awaitAvailable(retriever, Duration.ofSeconds(10));

            first.close(); // the real server process stops
            for (int i = 0; i < 2; i++) {
                Evidence down = timed(() -> retriever.evidence("nausea", QUERY), QUERY_TIMEOUT.plus(SLACK));
                assertFalse(down.isAvailable());
                assertTrue(down.reason().contains("Neo4j unavailable"), down.reason());
            }
            assertEquals(CircuitBreaker.State.OPEN, graph.breakerState());

            restarted = DevServers.start(dataDir, boltPort, kafkaPort, freePort());
            Evidence recovered = awaitAvailable(retriever, Duration.ofSeconds(30));
            assertEquals(CircuitBreaker.State.CLOSED, graph.breakerState());
            assertEquals(healthy.paths(), recovered.paths(), "the data survived the restart");
        } finally {
            first.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void contentRetrieverAnswersWithoutGraphContextAndKeepsTheQueryOutOfTheLog(DevServers servers) {
        try (FlakyNetwork network = FlakyNetwork.inFrontOf(servers.boltUri());
             KnowledgeGraph graph = KnowledgeGraph.connect(settings(network.boltUri()))) {
            network.down();
            GraphContentRetriever contents = new GraphContentRetriever(SampleGraph.retriever(graph), QUERY);
            String privateText = "Patient Jane Roe, born 1970-01-01, has nausea";

            PrintStream stderr = System.err;
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                assertEquals(List.of(), timed(() -> contents.retrieve(Query.from(privateText)), QUERY_TIMEOUT.plus(SLACK)));
            } finally {
                System.setErr(stderr);
            }
            String logged = log.toString(StandardCharsets.UTF_8);
            assertTrue(logged.contains("Knowledge graph 'sample' unavailable"), logged);
            assertFalse(logged.contains("Jane") || logged.contains("1970") || logged.contains("nausea"), logged);
        }
    }

    /** The driver's own timeouts well beyond the query timeout: the call's bound must hold by itself. */
    private static GraphSettings settings(String uri) {
        return GraphSettings.builder(uri)
                .queryTimeout(QUERY_TIMEOUT)
                .connectionAcquisitionTimeout(Duration.ofSeconds(10))
                .circuitBreaker(2, OPEN)
                .build();
    }

    /** Calls as a client would, every 100 ms, until the evidence is available or {@code limit} has passed. */
    private static Evidence awaitAvailable(GraphRetriever retriever, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Evidence evidence = retriever.evidence("nausea", QUERY);
        while (!evidence.isAvailable() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            evidence = retriever.evidence("nausea", QUERY);
        }
        assertTrue(evidence.isAvailable(), evidence.reason());
        return evidence;
    }

    private static <T> T timed(Supplier<T> call, Duration limit) {
        long started = System.nanoTime();
        T result = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(limit) <= 0, "took " + took.toMillis() + " ms, limit " + limit.toMillis() + " ms");
        return result;
    }
}
