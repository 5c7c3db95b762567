package dev.tessera.cli;

import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.graph.GraphDomain;
import dev.tessera.sdk.graph.GraphLoader;
import dev.tessera.sdk.graph.GraphSchema;
import dev.tessera.sdk.graph.KnowledgeGraph;
import dev.tessera.sdk.graph.LoadProgress;
import dev.tessera.sdk.graph.LoadSummary;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Ensures a domain's schema (constraint, full-text and vector indexes) and loads its graph files with English and
 * Chinese embeddings. Loading is a merge: running it again changes nothing.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Create the domain's indexes if missing, then load <graphs-dir>/<domain>/nodes.jsonl, "
                + "relationships.jsonl and relationship-types.jsonl (optional) with embeddings (idempotent: loading "
                + "twice changes nothing).")
final class GraphLoadCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DOMAIN", description = "Domain to load, e.g. medical, legal, finance.")
    String domain;

    @Mixin
    GraphConnectionOptions connection;

    @Option(names = "--graphs-dir", description = "Directory with one folder per domain (default: <project root>/deploy/graphs).")
    Path graphsDir;

    @Option(names = "--batch-size", defaultValue = "500", description = "Rows per transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", defaultValue = "AUTO", description = "Encoders on AUTO, CPU or CUDA (default: ${DEFAULT-VALUE}).")
    InferenceOptions.Device device;

    @Override
    public Integer call() {
        GraphDomain target = GraphDomain.of(domain);
        Path directory = (graphsDir != null ? graphsDir : defaultGraphsDir()).resolve(target.name());
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("No graph directory " + directory + " (pass --graphs-dir)");
        }
        InferenceOptions options = InferenceOptions.defaults().withDevice(device);
        try (OnnxEncoder english = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized(), options);
             OnnxEncoder chinese = OnnxEncoder.load(EncoderSpec.bgeSmallZhV15(), options);
             KnowledgeGraph graph = KnowledgeGraph.connect(connection.settings())) {
            System.out.printf(Locale.ROOT, "graph '%s' from %s into %s (database %s)%n", target.name(), directory,
                    connection.uri, connection.database);
            GraphSchema.forEncoders(graph, english, chinese).ensure(target);
            System.out.println("schema online: constraint on Entity.id, full-text and vector indexes on " + target.label());
            LoadSummary summary = GraphLoader.builder(graph, english, chinese)
                    .batchSize(batchSize)
                    .progress(GraphLoadCommand::printProgress)
                    .build()
                    .load(target, directory);
            printSummary(summary);
        }
        return 0;
    }

    private static void printProgress(LoadProgress p) {
        System.out.printf(Locale.ROOT, "  %-13s %6d / %d%n", p.phase().name().toLowerCase(Locale.ROOT), p.done(), p.total());
    }

    private static void printSummary(LoadSummary s) {
        System.out.printf(Locale.ROOT, "loaded '%s': %d nodes, %d relationships in %.1f s%n", s.domain(), s.nodes(),
                s.relationships(), s.seconds());
        printCounts("nodes", s.nodesByLabel());
        printCounts("relationships", s.relationshipsByType());
    }

    private static void printCounts(String what, Map<String, Integer> counts) {
        counts.forEach((name, n) -> System.out.printf(Locale.ROOT, "  %-13s %-24s %6d%n", what, name, n));
    }

    /** {@code deploy/graphs} of the checkout this command runs from (its jar's location), else above the working dir. */
    static Path defaultGraphsDir() {
        Optional<Path> fromJar = codeLocation().flatMap(GraphLoadCommand::graphsDirAbove);
        return fromJar.or(() -> graphsDirAbove(Path.of("").toAbsolutePath()))
                .orElseThrow(() -> new IllegalArgumentException(
                        "Cannot find deploy/graphs above " + Path.of("").toAbsolutePath() + "; pass --graphs-dir"));
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(GraphLoadCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty(); // No code source (unusual class loader): fall back to the working directory.
        }
    }

    private static Optional<Path> graphsDirAbove(Path start) {
        for (Path d = start; d != null; d = d.getParent()) {
            Path graphs = d.resolve("deploy").resolve("graphs");
            if (Files.isDirectory(graphs)) {
                return Optional.of(graphs);
            }
        }
        return Optional.empty();
    }
}
