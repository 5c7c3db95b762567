package dev.tessera.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.pii.CodePointSpan;
import dev.tessera.safety.pii.EncoderWordVectors;
import dev.tessera.safety.pii.LabeledText;
import dev.tessera.safety.pii.PiiFinding;
import dev.tessera.safety.pii.PiiTagger;
import dev.tessera.safety.pii.PiiEvaluation;
import dev.tessera.safety.pii.PiiTaggerTrainer;
import dev.tessera.safety.pii.PiiType;
import dev.tessera.safety.pii.StaticWordVectors;
import dev.tessera.safety.pii.SyntheticPiiTexts;
import dev.tessera.safety.pii.TemplateBootstrap;
import dev.tessera.safety.pii.TemplateGroups;
import dev.tessera.safety.pii.WordVectors;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.onnx.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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

    /** Bundled beside this class: the project-written templates {@code --augment} fills. */
    static final String AUGMENT_TEMPLATES = "pii-augment-templates.txt";

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

    @Option(names = "--orderings", defaultValue = "4",
            description = "Perceptron runs over different example orders, averaged (default: ${DEFAULT-VALUE}).")
    int orderings;

    @Option(names = "--bucket-bits", defaultValue = "16",
            description = "log2 of the hashed feature buckets, 8..24 (default: ${DEFAULT-VALUE}).")
    int bucketBits;

    @Option(names = "--cross-validate", paramLabel = "K",
            description = "Write nothing; score the taggers by K-fold cross-validation on the training data, texts "
                    + "grouped by the template that wrote them.")
    Integer folds;

    @Option(names = "--predictions", paramLabel = "DIR",
            description = "With --cross-validate: also write each tagger's held-out findings, one JSON line per text "
                    + "with its gold spans, to DIR/<tagger>.jsonl (for error analysis).")
    Path predictions;

    @Option(names = "--augment", paramLabel = "N", defaultValue = "10",
            description = "Also train on N texts per project-written template (pii-augment-templates.txt), slots "
                    + "filled with span values of the training texts; in cross-validation, of each fold's fitting "
                    + "texts only; 0 for none (default: ${DEFAULT-VALUE}).")
    int augment;

    @Option(names = "--augment-templates", paramLabel = "FILE",
            description = "Templates for --augment instead of the bundled ones.")
    Path augmentTemplates;

    /** The templates {@code --augment} fills, read once per run; null without augmentation. */
    private SyntheticPiiTexts synthetic;

    @Option(names = "--templates", description = "Generator templates for --cross-validate. Default: templates.txt "
            + "beside the training data.")
    Path templates;

    @Override
    public Integer call() throws Exception {
        Path file = data != null ? data : SafetyCommand.sharedPiiSplit("train");
        List<LabeledText> texts = LabeledText.readJsonLines(file);
        String description = "presidio-research synthetic PII sentences (MIT), " + file.getFileName() + ", sha256 "
                + Sha256.hex(Files.readAllBytes(file));
        if (augment > 0) {
            byte[] templateBytes = augmentTemplateBytes();
            synthetic = SyntheticPiiTexts.of(new String(templateBytes, StandardCharsets.UTF_8).lines().toList());
            description += "; + " + augment + " texts per project-written template, " + (augmentTemplates != null
                    ? augmentTemplates.getFileName().toString() : AUGMENT_TEMPLATES) + " sha256 "
                    + Sha256.hex(templateBytes);
        }
        // Places and nationalities are tagged too, though not screened: with a label of their own the tagger stops
        // reading a city in an address block as part of the street, or a capitalised place as a person.
        PiiTaggerTrainer trainer = PiiTaggerTrainer.builder().entity("PERSON", "PERSON")
                .entity("STREET_ADDRESS", "STREET_ADDRESS").entity("GPE", PiiTagger.PLACE_OR_GROUP)
                .entity("NRP", PiiTagger.PLACE_OR_GROUP)
                .epochs(epochs).seed(seed).orderings(orderings).bucketBits(bucketBits).dataDescription(description)
                .build();
        if (folds != null) {
            return crossValidate(trainer, texts, templates != null ? templates : TemplateGroups.besideData(file));
        }
        Files.createDirectories(outDir);
        texts = new ArrayList<>(texts);
        texts.addAll(extraTraining(texts));
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
        TemplateBootstrap bootstrap = TemplateBootstrap.of(groups);
        put(result, bootstrap, "sparse", heldOut(trainer, texts, groups, null, "sparse", "sparse tagger", evaluation));
        if (staticVectors) {
            put(result, bootstrap, "static", heldOut(trainer, texts, groups, StaticWordVectors.allMiniLmL6V2(),
                    "static", "MiniLM input-embedding tagger (no encoder pass)", evaluation));
        }
        if (encoder) {
            try (OnnxEncoder enc = SafetyCommand.loadTaggerEncoder()) {
                put(result, bootstrap, "minilm", heldOut(trainer, texts, groups, new EncoderWordVectors(enc), "minilm",
                        "MiniLM tagger", evaluation));
            }
        }
        PiiEvaluation.AddressConvention convention = evaluation.addressConvention(texts,
                PiiEvaluation.PRESIDIO_ADDRESS_PARTS);
        result.put("ceiling_one_span_per_address_f1", ResultLine.round(convention.oracle().microExact().f1()));
        result.put("ceiling_one_span_per_address_street_f1",
                ResultLine.round(convention.oracle().exact().get(PiiType.STREET_ADDRESS).f1()));
        ResultLine.print(result);
        return 0;
    }

    /** Scores one tagger on held-out templates, prints its table and, if asked, writes its findings. */
    private PiiEvaluation.Report heldOut(PiiTaggerTrainer trainer, List<LabeledText> texts, int[] groups,
                                         WordVectors vectors, String name, String title, PiiEvaluation evaluation)
            throws java.io.IOException {
        Map<String, List<PiiFinding>> findings = trainer.heldOutFindings(texts, groups, folds, vectors,
                this::extraTraining);
        PiiEvaluation.Report report = evaluation.evaluate(findings::get, texts);
        System.out.printf(Locale.ROOT, "%n== %s, held-out templates ==%n%s", title, report.table());
        if (predictions != null) {
            Files.createDirectories(predictions);
            Path file = predictions.resolve(name + ".jsonl");
            ObjectMapper json = new ObjectMapper();
            try (java.io.BufferedWriter out = Files.newBufferedWriter(file)) {
                for (int i = 0; i < texts.size(); i++) {
                    LabeledText t = texts.get(i);
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("group", groups[i]);
                    line.put("text", t.text());
                    // Code point offsets, as the data files and `safety scan` count them.
                    line.put("gold", t.codePointSpans());
                    line.put("predicted", CodePointSpan.of(t.text(), findings.get(t.text())));
                    out.write(json.writeValueAsString(line));
                    out.newLine();
                }
            }
            System.out.println("wrote " + file);
        }
        return report;
    }

    /** The synthetic texts {@code --augment} asks for, built from {@code fit} alone. */
    private List<LabeledText> extraTraining(List<LabeledText> fit) {
        return synthetic == null ? List.of() : synthetic.generate(fit, augment, seed);
    }

    private byte[] augmentTemplateBytes() {
        try {
            if (augmentTemplates != null) {
                return Files.readAllBytes(augmentTemplates);
            }
            try (InputStream in = SafetyTrainPiiCommand.class.getResourceAsStream(AUGMENT_TEMPLATES)) {
                return Objects.requireNonNull(in, AUGMENT_TEMPLATES).readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tagger's figures under its RESULT name; the interval resamples templates ({@link TemplateBootstrap}). */
    private static void put(Map<String, Object> result, TemplateBootstrap bootstrap, String name,
                            PiiEvaluation.Report r) {
        TemplateBootstrap.Interval interval = bootstrap.microF1(r.microExactPerText());
        System.out.printf(Locale.ROOT, "micro exact F1 %.4f, 95%% interval [%.4f, %.4f] "
                + "(bootstrap over %d templates)%n", interval.estimate(), interval.low(), interval.high(),
                bootstrap.clusters());
        result.put(name + "_f1", ResultLine.round(r.microExact().f1()));
        result.put(name + "_f1_ci95", interval.bounds());
        result.put(name + "_f1_overlap", ResultLine.round(r.microOverlap().f1()));
        for (PiiType t : List.of(PiiType.PERSON, PiiType.STREET_ADDRESS)) {
            String key = name + "_" + t.name().toLowerCase(Locale.ROOT);
            result.put(key + "_f1", ResultLine.round(r.exact().get(t).f1()));
            result.put(key + "_f1_overlap", ResultLine.round(r.overlap().get(t).f1()));
        }
    }


    private static void write(PiiTagger tagger, Path target) throws java.io.IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            tagger.write(out);
        }
        System.out.printf("wrote %s (%d bytes): %s%n", target, Files.size(target), tagger.provenance());
    }
}
