package dev.tessera.cli;

import dev.tessera.safety.pii.EncoderWordVectors;
import dev.tessera.safety.pii.LabeledText;
import dev.tessera.safety.pii.PiiTagger;
import dev.tessera.safety.pii.PiiTaggerTrainer;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.onnx.Sha256;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Retrains the bundled PERSON/STREET_ADDRESS taggers (sparse, and sparse + MiniLM) on the train split and writes
 * them where the safety module packages them. Deterministic for a given seed and data.
 */
@Command(name = "train-pii", mixinStandardHelpOptions = true,
        description = "Train the PII taggers on the train split and write pii-tagger.bin (+ pii-tagger-minilm.bin).")
final class SafetyTrainPiiCommand implements Callable<Integer> {

    @Option(names = "--data",
            description = "Training JSON lines. Default: ../shared/data/safety/pii_synthetic/train.jsonl.")
    Path data;

    @Option(names = "--out-dir", defaultValue = "safety/src/main/resources/dev/tessera/safety/pii",
            description = "Where to write the models (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--encoder", negatable = true, defaultValue = "true",
            description = "Also train the all-MiniLM-L6-v2 tagger (default: ${DEFAULT-VALUE}).")
    boolean encoder;

    @Option(names = "--epochs", defaultValue = "12", description = "Perceptron epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path file = data != null ? data : SafetyCommand.sharedPiiSplit("train");
        List<LabeledText> texts = LabeledText.readJsonLines(file);
        String description = "presidio-research synthetic PII sentences (MIT), " + file.getFileName() + ", sha256 "
                + Sha256.hex(Files.readAllBytes(file));
        PiiTaggerTrainer trainer = PiiTaggerTrainer.builder().entity("PERSON", "PERSON")
                .entity("STREET_ADDRESS", "STREET_ADDRESS").epochs(epochs).seed(seed).dataDescription(description).build();
        Files.createDirectories(outDir);
        write(trainer.train(texts), outDir.resolve("pii-tagger.bin"));
        if (encoder) {
            try (OnnxEncoder enc = SafetyCommand.loadTaggerEncoder()) {
                write(trainer.train(texts, new EncoderWordVectors(enc)), outDir.resolve("pii-tagger-minilm.bin"));
            }
        }
        return 0;
    }

    private static void write(PiiTagger tagger, Path target) throws java.io.IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            tagger.write(out);
        }
        System.out.printf("wrote %s (%d bytes): %s%n", target, Files.size(target), tagger.provenance());
    }
}
