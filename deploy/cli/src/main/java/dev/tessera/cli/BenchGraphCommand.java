package dev.tessera.cli;

import dev.tessera.sdk.Percentiles;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.graph.Evidence;
import dev.tessera.sdk.graph.EvidenceQuery;
import dev.tessera.sdk.graph.GraphRetriever;
import dev.tessera.sdk.graph.GraphSettings;
import dev.tessera.sdk.graph.KnowledgeGraph;
import dev.tessera.sdk.graph.SyntheticOwnershipGraph;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Loads (once) a synthetic ownership graph of the requested size into Neo4j, then times entity linking plus
 * 2-hop evidence retrieval over many queries. Ends with {@code RESULT {json}}.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Benchmark linking + 2-hop evidence on a synthetic graph (default 1M nodes, 5M relationships); "
                + "needs running dev servers: TESSERA_DEVSERVERS_HEAP=4g TESSERA_DEVSERVERS_PAGECACHE=3g "
                + "deploy/bin/tessera devservers start")
final class BenchGraphCommand implements Callable<Integer> {

    @Mixin
    GraphConnectionOptions connection;

    @Option(names = "--nodes", defaultValue = "1000000", description = "Synthetic nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--relationships", defaultValue = "5000000", description = "Synthetic relationships (default: ${DEFAULT-VALUE}).")
    long relationships;

    @Option(names = "--queries", defaultValue = "1000", description = "Timed queries (default: ${DEFAULT-VALUE}).")
    int queries;

    /**
     * A freshly started Neo4j needs thousands of queries before its JIT settles: with 300 warm-up queries p99 read
     * 26–34 ms on the first runs after a restart and fell run by run to 15–17 ms (docs/graph-scaling.md).
     */
    @Option(names = "--warmup", defaultValue = "6000",
            description = "Untimed warm-up queries, so both JVMs are past JIT compilation (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--k", defaultValue = "3", description = "Entities linked per question (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--batch", defaultValue = "10000", description = "Rows per load transaction (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "42", description = "Generator and query seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        SyntheticOwnershipGraph.Shape shape = new SyntheticOwnershipGraph.Shape(nodes, relationships, seed);
        GraphSettings settings = connection.settingsBuilder().writeTimeout(Duration.ofMinutes(5)).build();
        Map<String, Object> result = new LinkedHashMap<>();
        try (KnowledgeGraph graph = KnowledgeGraph.connect(settings);
             OnnxEncoder english = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized(), InferenceOptions.cpu());
             OnnxEncoder chinese = OnnxEncoder.load(EncoderSpec.bgeSmallZhV15(), InferenceOptions.cpu())) {
            graph.verifyConnectivity();
            System.out.printf(Locale.ROOT, "graph: %,d nodes, %,d relationships (%,d companies, %,d persons, %,d OWNS)%n",
                    shape.nodes(), shape.relationships(), shape.companies(), shape.persons(), shape.owns());
            SyntheticOwnershipGraph.LoadReport load = SyntheticOwnershipGraph.load(graph, shape, batch,
                    line -> System.out.println("  " + line));
            if (load.seconds() > 0) {
                System.out.printf(Locale.ROOT, "%s in %.1f s: %,.0f nodes/s, %,.0f relationships/s%n",
                        load.reused() ? "it was loaded" : "loaded", load.seconds(), load.nodesPerSecond(),
                        load.relationshipsPerSecond());
            }

            GraphRetriever retriever = GraphRetriever.builder(graph, SyntheticOwnershipGraph.DOMAIN, english, chinese).build();
            EvidenceQuery query = EvidenceQuery.defaults().withK(k).withHops(2)
                    .withRelationshipTypes("OWNS", "CONTROLS").withMaxPaths(20);
            SplittableRandom random = new SplittableRandom(seed + 1);
            // Steady state is what the figures describe: JIT compilation and cold page-cache pages go to warm-up.
            long warmStart = System.nanoTime();
            for (int i = 0; i < warmup; i++) {
                retriever.evidence(question(random.nextInt(shape.companies())), query);
            }
            double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
            System.out.printf(Locale.ROOT, "warm-up: %d queries in %.1f s%n", warmup, warmSeconds);
            long[] latencies = new long[queries];
            int linked = 0;
            int withPaths = 0;
            int unavailable = 0;
            for (int q = 0; q < queries; q++) {
                int company = random.nextInt(shape.companies());
                long t0 = System.nanoTime();
                Evidence evidence = retriever.evidence(question(company), query);
                latencies[q] = System.nanoTime() - t0;
                if (!evidence.isAvailable()) {
                    unavailable++;
                    continue;
                }
                if (!evidence.entities().isEmpty()
                        && evidence.entities().get(0).id().equals(SyntheticOwnershipGraph.companyId(company))) {
                    linked++;
                }
                if (!evidence.paths().isEmpty()) {
                    withPaths++;
                }
            }
            Arrays.sort(latencies);
            double p50 = Percentiles.nearestRank(latencies, 0.50) / 1e6;
            double p99 = Percentiles.nearestRank(latencies, 0.99) / 1e6;
            System.out.printf(Locale.ROOT, "%d queries (link k=%d + 2-hop OWNS|CONTROLS evidence): p50 %.2f ms, p99 %.2f ms, "
                    + "max %.2f ms; top link correct %d/%d; with evidence paths %d; unavailable %d%n", queries, k, p50, p99,
                    latencies[queries - 1] / 1e6, linked, queries, withPaths, unavailable);
            result.put("nodes", shape.nodes());
            result.put("relationships", shape.relationships());
            result.put("queries", queries);
            result.put("k", k);
            result.put("warmup_queries", warmup);
            result.put("warmup_seconds", round(warmSeconds));
            result.put("p50_ms", round(p50));
            result.put("p99_ms", round(p99));
            result.put("max_ms", round(latencies[queries - 1] / 1e6));
            result.put("top_link_accuracy", round((double) linked / queries));
            result.put("queries_with_paths", withPaths);
            result.put("unavailable", unavailable);
            result.put("load_reused", load.reused());
            if (load.seconds() > 0) { // a reused graph reports the rates recorded when it was loaded
                result.put("load_seconds", round(load.seconds()));
                result.put("load_nodes_per_s", Math.round(load.nodesPerSecond()));
                result.put("load_relationships_per_s", Math.round(load.relationshipsPerSecond()));
            }
        }
        ResultLine.print(result);
        return 0;
    }

    private static String question(int company) {
        return "Who owns " + SyntheticOwnershipGraph.companyName(company) + "?";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
