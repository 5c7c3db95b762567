package dev.tessera.cli;

import dev.tessera.safety.eval.SafetyEvaluation;
import dev.tessera.safety.screening.ScreeningEncoders;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Layer 1 of the safety filter on the test splits in ../shared/data/safety (read in place): PII per type, injection
 * P/R/F1 and FPR on benign text, toxicity macro-F1, latency per KB with and without the encoder. The work is in
 * {@link SafetyEvaluation}; this prints its tables, writes {@code report.md} and the precision-recall PNGs, and ends
 * with {@code RESULT {json}}.
 */
@Command(name = "safety", mixinStandardHelpOptions = true,
        description = "Evaluate safety layer 1 (PII, injection, toxicity, latency per KB); writes report.md and "
                + "PR curves; ends with RESULT {json}.")
final class EvalSafetyCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Prepared datasets directory. Default: ../shared/data beside the checkout "
            + "(or $TESSERA_SHARED_DATA).")
    Path data;

    @Option(names = "--out", defaultValue = "target/safety-eval",
            description = "Report directory, relative to the working directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--stride", defaultValue = "1",
            description = "Score every N-th test example (1 = all; default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--latency-rounds", defaultValue = "20",
            description = "Timed passes over the 1 KB chunks without the encoder; a fifth of them with it "
                    + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--latency-chunks", defaultValue = "200",
            description = "At most this many 1 KB chunks are timed (default: ${DEFAULT-VALUE}).")
    int maxChunks;

    @Option(names = "--pii-encoder", description = "Also score the MiniLM PII tagger (slower; the headline pii_f1 "
            + "stays the default tagger, layer 1 without an encoder pass).")
    boolean piiEncoder;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path shared = data != null ? data : SharedData.root().orElseThrow(() -> new IllegalArgumentException(
                "../shared/data not found; pass --data or set TESSERA_SHARED_DATA"));
        if (!SafetyEvaluation.present(shared)) {
            throw new IllegalArgumentException("safety test splits missing under " + shared.resolve("safety"));
        }
        SafetyEvaluation.Options options = new SafetyEvaluation.Options(stride, rounds, maxChunks, piiEncoder);
        System.out.printf(Locale.ROOT, "data: %s (stride %d)%n", shared.resolve("safety"), stride);
        SafetyEvaluation.Result r = onLargeStack(() -> {
            // Without recent embeddings: the latency rounds repeat chunks, which would otherwise skip the encoder.
            try (ScreeningEncoders encoders = ScreeningEncoders.create(InferenceOptions.cpu(), 0)) {
                return SafetyEvaluation.run(shared, encoders, options, s -> System.out.println("  " + s));
            }
        });
        System.out.println();
        System.out.print(r.table());
        SafetyEvaluation.writeReport(r, out);
        System.out.println();
        System.out.println("report: " + out.resolve("report.md").toAbsolutePath() + " (+ injection-pr.png, "
                + "toxicity-pr.png)");
        System.out.println(r.resultLine());
        return 0;
    }

    /**
     * ONNX Runtime builds its environment on the first model load; on some hosts that needs more native stack than
     * the main thread has (see {@link SafetyCommand#loadTaggerEncoder()}), so the evaluation runs on a 64 MiB stack.
     */
    private static SafetyEvaluation.Result onLargeStack(Callable<SafetyEvaluation.Result> work) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.call());
            } catch (Exception | Error e) {
                result.set(e);
            }
        }, "tessera-eval-safety", 64L << 20);
        t.start();
        t.join();
        if (result.get() instanceof Exception e) {
            throw e;
        }
        if (result.get() instanceof Error e) {
            throw e;
        }
        return (SafetyEvaluation.Result) result.get();
    }
}
