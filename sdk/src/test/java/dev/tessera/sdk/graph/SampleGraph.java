package dev.tessera.sdk.graph;

import dev.tessera.devservers.client.DevServers;
import dev.tessera.sdk.TestModels;
import dev.tessera.sdk.encoder.SentenceEncoder;
import java.time.Duration;
import java.util.Map;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/** The project-written sample graph ({@code src/test/resources/graph/sample}), loaded once per test JVM. */
final class SampleGraph {

    static final GraphDomain DOMAIN = GraphDomain.of("sample");

    private static LoadSummary firstLoad;

    private SampleGraph() {
    }

    static SentenceEncoder english() {
        return TestModels.miniLmQuantized();
    }

    static SentenceEncoder chinese() {
        return TestModels.bgeZh();
    }

    /** Schema ensured and graph loaded in the dev servers' Neo4j; returns the summary of the first load. */
    static synchronized LoadSummary ensureLoaded(DevServers servers) {
        if (firstLoad == null) {
            try (KnowledgeGraph graph = KnowledgeGraph.connect(GraphSettings.builder(servers.boltUri()).build())) {
                new GraphSchema(graph, english().dimension(), chinese().dimension(), Duration.ofSeconds(60)).ensure(DOMAIN);
                firstLoad = loader(graph).load(DOMAIN, GraphFilesTest.graphDir("sample"));
            }
        }
        return firstLoad;
    }

    /** Small batches, so that some labels and types span several (Symptom: 6 nodes, HAS_SYMPTOM: 10). */
    static GraphLoader loader(KnowledgeGraph graph) {
        return GraphLoader.builder(graph, english(), chinese()).batchSize(5).build();
    }

    static GraphRetriever retriever(KnowledgeGraph graph) {
        return GraphRetriever.builder(graph, DOMAIN, english(), chinese()).build();
    }

    /** A plain driver for the tests' own checks, beside the code under test. */
    static Driver driver(DevServers servers) {
        return GraphDatabase.driver(servers.boltUri(), AuthTokens.none());
    }

    static long count(Driver driver, String cypher) {
        return driver.executableQuery(cypher).withParameters(Map.of()).execute().records().get(0).get(0).asLong();
    }
}
