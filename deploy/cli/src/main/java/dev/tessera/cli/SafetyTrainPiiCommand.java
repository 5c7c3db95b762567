package dev.tessera.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.pii.EncoderWordVectors;
import dev.tessera.safety.pii.LabeledText;
import dev.tessera.safety.pii.PiiTagger;
import dev.tessera.safety.pii.PiiEvaluation;
import dev.tessera.safety.pii.PiiTaggerTrainer;
import dev.tessera.safety.pii.PiiType;
import dev.tessera.safety.pii.StaticWordVectors;
import dev.tessera.safety.pii.TemplateGroups;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.onnx.Sha256;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Retrains the bundled PERSON/STREET_ADDRESS taggers (plain; on MiniLM input embeddings; on MiniLM token states) on
 * the train split and writes them where the safety module packages them. Deterministic for a given seed and data. With
 * {@code --cross-validate K} it writes nothing and scores the taggers on templates they were not trained on instead:
 * the figure to compare settings by, since test is for reported figures only.
 */
@Command(name = "train-pii", mixinStandardHelpOptions = true,
        description = "Train the PII taggers on the train split and write pii-tagger.bin (+ pii-tagger-minilm-static.bin, "
                + "pii-tagger-minilm.bin); "
                + "or, with --cross-validate K, score them by template-grouped K-fold cross-validation (RESULT {json}).")
final class SafetyTrainPiiCommand implements Callable<Integer> {

    @Option(names = "--data",
            description = "Training JSON lines. Default: ../shared/data/safety/pii_synthetic/train.jsonl.")
    Path data;

    @Option(names = "--out-dir", defaultValue = "safety/src/main/resources/dev/tessera/safety/pii",
            description = "Where to write the models (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--encoder", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train the all-MiniLM-L6-v2 tagger (default: ${DEFAULT-VALUE}).")
    boolean encoder;

    @Option(names = "--static-vectors", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train the tagger on all-MiniLM-L6-v2 input embeddings, no encoder pass "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean staticVectors;

    @Option(names = "--epochs", defaultValue = "12", description = "Perceptron epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cross-validate", paramLabel = "K",
            description = "Write nothing; score the taggers by K-fold cross-validation on the training data, texts "
                    + "grouped by the template that wrote them.")
    Integer folds;

    @Option(names = "--templates", description = "Generator templates for --cross-validate. Default: templates.txt "
            + "beside the training data.")
    Path templates;

    @Override
    public Integer call() throws Exception {
        Path file = data != null ? data : SafetyCommand.sharedPiiSplit("train");
        List<LabeledText> texts = LabeledText.readJsonLines(file);
        String description = "presidio-research synthetic PII sentences (MIT), " + file.getFileName() + ", sha256 "
                + Sha256.hex(Files.readAllBytes(file));
        PiiTaggerTrainer trainer = PiiTaggerTrainer.builder().entity("PERSON", "PERSON")
                .entity("STREET_ADDRESS", "STREET_ADDRESS").epochs(epochs).seed(seed).dataDescription(description).build();
        if (folds != null) {
            return crossValidate(trainer, texts, templates != null ? templates : file.resolveSibling("templates.txt"));
        }
        Files.createDirectories(outDir);
        write(trainer.train(texts), outDir.resolve("pii-tagger.bin"));
        if (staticVectors) {
            write(trainer.train(texts, StaticWordVectors.allMiniLmL6V2()), outDir.resolve("pii-tagger-minilm-static.bin"));
        }
        if (encoder) {
            try (OnnxEncoder enc = SafetyCommand.loadTaggerEncoder()) {
                write(trainer.train(texts, new EncoderWordVectors(enc)), outDir.resolve("pii-tagger-minilm.bin"));
            }
        }
        return 0;
    }

    private int crossValidate(PiiTaggerTrainer trainer, List<LabeledText> texts, Path templateFile) throws Exception {
        TemplateGroups templateGroups = TemplateGroups.read(templateFile);
        int[] groups = templateGroups.groups(texts);
        long matched = Arrays.stream(groups).filter(g -> g >= 0).count();
        long distinct = Arrays.stream(groups).distinct().count();
        System.out.printf(Locale.ROOT, "%d texts, %d written by one of %d templates; %d groups, %d folds%n",
                texts.size(), matched, templateGroups.size(), distinct, folds);
        PiiEvaluation evaluation = PiiEvaluation.presidio();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("folds", folds);
        result.put("groups", distinct);
        PiiEvaluation.Report sparse = trainer.crossValidate(texts, groups, folds, null, evaluation);
        System.out.printf(Locale.ROOT, "%n== sparse tagger, held-out templates ==%n%s", sparse.table());
        put(result, "sparse", sparse);
        if (staticVectors) {
            PiiEvaluation.Report withStatic = trainer.crossValidate(texts, groups, folds,
                    StaticWordVectors.allMiniLmL6V2(), evaluation);
            System.out.printf(Locale.ROOT, "%n== MiniLM input-embedding tagger (no encoder pass), held-out templates ==%n%s",
                    withStatic.table());
            put(result, "static", withStatic);
        }
        if (encoder) {
            try (OnnxEncoder enc = SafetyCommand.loadTaggerEncoder()) {
                PiiEvaluation.Report minilm = trainer.crossValidate(texts, groups, folds, new EncoderWordVectors(enc),
                        evaluation);
                System.out.printf(Locale.ROOT, "%n== MiniLM tagger, held-out templates ==%n%s", minilm.table());
                put(result, "minilm", minilm);
            }
        }
        PiiEvaluation.AddressConvention convention = evaluation.addressConvention(texts,
                PiiEvaluation.PRESIDIO_ADDRESS_PARTS);
        result.put("ceiling_one_span_per_address_f1", round(convention.oracle().microExact().f1()));
        result.put("ceiling_one_span_per_address_street_f1",
                round(convention.oracle().exact().get(PiiType.STREET_ADDRESS).f1()));
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        return 0;
    }

    private static void put(Map<String, Object> result, String name, PiiEvaluation.Report r) {
        result.put(name + "_f1", round(r.microExact().f1()));
        result.put(name + "_f1_overlap", round(r.microOverlap().f1()));
        for (PiiType t : List.of(PiiType.PERSON, PiiType.STREET_ADDRESS)) {
            result.put(name + "_" + t.name().toLowerCase(Locale.ROOT) + "_f1", round(r.exact().get(t).f1()));
            result.put(name + "_" + t.name().toLowerCase(Locale.ROOT) + "_f1_overlap", round(r.overlap().get(t).f1()));
        }
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static void write(PiiTagger tagger, Path target) throws java.io.IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            tagger.write(out);
        }
        System.out.printf("wrote %s (%d bytes): %s%n", target, Files.size(target), tagger.provenance());
    }
}
