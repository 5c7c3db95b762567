package dev.tessera.cli;

import dev.tessera.safety.pii.PiiTagger;
import dev.tessera.sdk.encoder.OnnxEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Parent of the safety filter commands: screen texts, evaluate and train layer 1 (PII). */
@Command(name = "safety", mixinStandardHelpOptions = true,
        description = "Safety filter: scan texts (JSON lines), evaluate and train PII screening (layer 1).",
        subcommands = {SafetyScanCommand.class, SafetyEvalPiiCommand.class, SafetyTrainPiiCommand.class,
                SafetyProbeAddressesCommand.class})
final class SafetyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Loads the encoder the MiniLM tagger expects. ONNX Runtime builds its environment on the first load; on some
     * hosts that needs more native stack than the JVM main thread's default (it crashes the JVM), so the first load
     * runs on a thread with a 64 MiB stack. Later calls from any thread are fine.
     */
    static OnnxEncoder loadTaggerEncoder() {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(OnnxEncoder.load(PiiTagger.encoderSpec()));
            } catch (RuntimeException | Error e) {
                result.set(e);
            }
        }, "tessera-encoder-load", 64L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the encoder", e);
        }
        if (result.get() instanceof RuntimeException e) {
            throw e;
        }
        if (result.get() instanceof Error e) {
            throw e;
        }
        return (OnnxEncoder) result.get();
    }

    /** The PII dataset file {@code split}.jsonl under ../shared/data, or a clear error naming the alternatives. */
    static Path sharedPiiSplit(String split) {
        Path data = SharedData.root().orElseThrow(() -> new IllegalArgumentException(
                "no data: pass --data FILE (JSON lines {text, spans}), or provide ../shared/data beside the checkout "
                        + "(or set TESSERA_SHARED_DATA)"));
        Path file = data.resolve("safety/pii_synthetic").resolve(split + ".jsonl");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing " + file + "; pass --data FILE");
        }
        return file;
    }
}
