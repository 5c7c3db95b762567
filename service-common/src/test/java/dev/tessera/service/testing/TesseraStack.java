package dev.tessera.service.testing;

import dev.tessera.devservers.client.DevServers;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.graph.GraphDomain;
import dev.tessera.sdk.graph.GraphLoader;
import dev.tessera.sdk.graph.GraphSchema;
import dev.tessera.sdk.graph.GraphSettings;
import dev.tessera.sdk.graph.KnowledgeGraph;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Quarkus test resource for the domain services: real Neo4j and Kafka in a JVM of their own on free ports, the
 * domain's shipped graph ({@code deploy/graphs/<domain>}) loaded, and the service pointed at both. Init arg
 * {@code domain} names the domain. The bolt URI and Kafka bootstrap are published as system properties
 * {@code test.tessera.bolt} and {@code test.tessera.kafka} (not under {@code tessera.}: the service's config mapping owns that prefix and refuses unknown keys) for the tests' own clients.
 */
public class TesseraStack implements QuarkusTestResourceLifecycleManager {

    public static final String BOLT_PROPERTY = "test.tessera.bolt";
    public static final String KAFKA_PROPERTY = "test.tessera.kafka";

    private String domain;
    private DevServers servers;

    @Override
    public void init(Map<String, String> initArgs) {
        domain = initArgs.get("domain");
        if (domain == null) {
            throw new IllegalArgumentException("TesseraStack needs the init arg 'domain'");
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            servers = DevServers.startOnFreePorts(Files.createTempDirectory("tessera-service-" + domain + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path graphDir = graphsDir().resolve(domain);
        try (OnnxEncoder english = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized());
             OnnxEncoder chinese = OnnxEncoder.load(EncoderSpec.bgeSmallZhV15());
             KnowledgeGraph graph = KnowledgeGraph.connect(GraphSettings.builder(servers.boltUri()).build())) {
            GraphDomain target = GraphDomain.of(domain);
            GraphSchema.forEncoders(graph, english, chinese).ensure(target);
            GraphLoader.builder(graph, english, chinese).build().load(target, graphDir);
        }
        System.setProperty(BOLT_PROPERTY, servers.boltUri());
        System.setProperty(KAFKA_PROPERTY, servers.kafkaBootstrap());
        // The tests check answers, not latency: on a busy 2-core box a first query to a just-loaded graph has taken
        // more than the 2 s default deadline and turned a correct answer into a 503.
        return Map.of(
                "tessera.graph.uri", servers.boltUri(),
                "tessera.graph.query-timeout", "15s",
                "tessera.audit.kafka-bootstrap", servers.kafkaBootstrap(),
                "tessera.audit.fingerprint-key", "test-key-of-at-least-thirty-two-bytes-long",
                "tessera.audit.fingerprint-key-id", "test");
    }

    @Override
    public void stop() {
        if (servers == null) {
            return;
        }
        Path data = servers.dataDir();
        servers.close();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp dir is harmless; the next run uses a new one.
        }
    }

    /** {@code deploy/graphs} of this checkout: tests run in a module directory one level below the root. */
    public static Path graphsDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy").resolve("graphs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no deploy/graphs above " + Path.of("").toAbsolutePath());
    }
}
