package dev.tessera.cli;

import dev.tessera.safety.pii.PiiAction;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.safety.screening.InjectionDetector;
import dev.tessera.safety.screening.InputScreen;
import dev.tessera.safety.screening.Scope;
import dev.tessera.safety.screening.ScopeClassifier;
import dev.tessera.safety.screening.ScreeningEncoders;
import dev.tessera.safety.screening.TextNormalizer;
import dev.tessera.safety.screening.ToxicityClassifier;
import dev.tessera.sdk.Percentiles;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Layer 1 as a service runs it on one question (PII scan, injection on MiniLM and bge, toxicity, scope), with the
 * encoders keeping recent embeddings ({@code RecentEmbeddings}, the default) and without. The questions are the
 * project-written ones of {@code deploy/graphs/<domain>/linking-questions.jsonl}, each timed one made new by a
 * numbered suffix, as every request's text is; the two configurations alternate question by question, so load on the
 * box weighs on both alike. Ends with {@code RESULT {json}}.
 */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = "Layer 1 latency per question, with and without recent embeddings shared by the screens; "
                + "ends with RESULT {json}.")
final class BenchScreenCommand implements Callable<Integer> {

    @Option(names = "--questions", defaultValue = "600",
            description = "Questions timed per configuration (default: ${DEFAULT-VALUE}).")
    int questions;

    @Option(names = "--warm-up-seconds", defaultValue = "8",
            description = "Untimed screening before the clock starts (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--graphs-dir", description = "Where the domains' linking-questions.jsonl live. Default: "
            + "deploy/graphs of this checkout.")
    Path graphsDir;

    @Override
    public Integer call() throws Exception {
        if (questions < 1 || warmUpSeconds < 0) {
            throw new IllegalArgumentException("--questions must be >= 1 and --warm-up-seconds >= 0");
        }
        List<String> asked = questions(graphsDir != null ? graphsDir : GraphLoadCommand.defaultGraphsDir());
        try (ScreeningEncoders shared = ScreeningEncoders.create(InferenceOptions.cpu());
             ScreeningEncoders separate = ScreeningEncoders.create(InferenceOptions.cpu(), 0)) {
            InputScreen withRecent = screen(shared);
            InputScreen without = screen(separate);
            long warmUntil = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
            int n = 0;
            do {
                String q = asked.get(n % asked.size()) + " (warm-up " + n++ + ")";
                withRecent.screen(q);
                without.screen(q);
            } while (System.nanoTime() < warmUntil);
            double[] recentMs = new double[questions];
            double[] plainMs = new double[questions];
            for (int i = 0; i < questions; i++) {
                String q = asked.get(i % asked.size()) + " (" + i + ")";
                recentMs[i] = time(withRecent, q);
                plainMs[i] = time(without, q);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("questions", questions);
            result.put("distinct_questions", asked.size());
            result.put("cores", Runtime.getRuntime().availableProcessors());
            put(result, "", recentMs);
            put(result, "_no_recent_embeddings", plainMs);
            System.out.printf(Locale.ROOT, "layer 1 per question, ms (p50 / p90 / p99): recent embeddings %.2f / %.2f / "
                            + "%.2f, every screen embedding on its own %.2f / %.2f / %.2f%n", result.get("p50_ms"),
                    result.get("p90_ms"), result.get("p99_ms"), result.get("p50_ms_no_recent_embeddings"),
                    result.get("p90_ms_no_recent_embeddings"), result.get("p99_ms_no_recent_embeddings"));
            ResultLine.print(result);
        }
        return 0;
    }

    private static InputScreen screen(ScreeningEncoders encoders) {
        TextNormalizer normalizer = TextNormalizer.defaults();
        return InputScreen.builder(PiiScanner.builder().action(PiiAction.REDACT).build())
                .injection(InjectionDetector.load(encoders, normalizer))
                .toxicity(ToxicityClassifier.load(encoders, normalizer), Set.of())
                .scope(ScopeClassifier.load(encoders, normalizer), EnumSet.of(Scope.LEGAL, Scope.MEDICAL, Scope.FINANCE),
                        0.1)
                .build();
    }

    private static double time(InputScreen screen, String question) {
        long t0 = System.nanoTime();
        screen.screen(question);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static List<String> questions(Path graphs) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        try (var domains = Files.list(graphs)) {
            for (Path domain : domains.sorted().toList()) {
                Path file = domain.resolve(EvalLinkingCommand.QUESTIONS_FILE);
                if (Files.isRegularFile(file)) {
                    EvalLinkingCommand.read(file).forEach(q -> out.add(q.text()));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no " + EvalLinkingCommand.QUESTIONS_FILE + " under " + graphs);
        }
        return out;
    }

    private static void put(Map<String, Object> result, String suffix, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        result.put("p50_ms" + suffix, ResultLine.round(Percentiles.nearestRank(sorted, 0.50)));
        result.put("p90_ms" + suffix, ResultLine.round(Percentiles.nearestRank(sorted, 0.90)));
        result.put("p99_ms" + suffix, ResultLine.round(Percentiles.nearestRank(sorted, 0.99)));
        result.put("mean_ms" + suffix, ResultLine.round(Arrays.stream(ms).average().orElse(0)));
    }
}
