package dev.tessera.cli;

import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.encoder.Vectors;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Embeds the texts given on the command line and prints their vectors' summary and pairwise similarity. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed texts with a built-in encoder; prints each vector's head and the pairwise cosine similarity.")
final class EmbedCommand implements Runnable {

    @Option(names = "--model", defaultValue = "all-minilm-l6-v2-q",
            description = "Built-in encoder: all-minilm-l6-v2, all-minilm-l6-v2-q, bge-small-zh-v1.5 (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--device", defaultValue = "AUTO", description = "AUTO, CPU or CUDA (default: ${DEFAULT-VALUE}).")
    InferenceOptions.Device device;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Texts to embed.")
    List<String> texts;

    @Override
    public void run() {
        try (OnnxEncoder encoder = OnnxEncoder.load(EncoderSpec.builtin(model), InferenceOptions.defaults().withDevice(device))) {
            List<Embedding> embeddings = encoder.embedAll(texts);
            System.out.printf(Locale.ROOT, "model %s (%d dimensions) on %s%n", encoder.modelName(), encoder.dimension(),
                    encoder.provider());
            for (int i = 0; i < texts.size(); i++) {
                Embedding e = embeddings.get(i);
                StringBuilder head = new StringBuilder();
                for (int d = 0; d < 6; d++) {
                    head.append(String.format(Locale.ROOT, "%+.4f ", e.vector()[d]));
                }
                System.out.printf(Locale.ROOT, "[%d] tokens=%d%s vector=[%s...]  %s%n", i, e.tokenCount(),
                        e.truncated() ? " (truncated from " + e.originalTokenCount() + ")" : "", head.toString().trim(),
                        abbreviate(texts.get(i)));
            }
            for (int i = 0; i < texts.size(); i++) {
                for (int j = i + 1; j < texts.size(); j++) {
                    System.out.printf(Locale.ROOT, "cosine(%d,%d) = %.4f%n", i, j,
                            Vectors.dot(embeddings.get(i).vector(), embeddings.get(j).vector()));
                }
            }
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
