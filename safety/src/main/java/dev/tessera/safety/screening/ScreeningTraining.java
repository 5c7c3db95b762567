package dev.tessera.safety.screening;

import dev.tessera.safety.pii.Scripts;
import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.RecentEmbeddings;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.head.HeadProvenance;
import dev.tessera.sdk.head.HeadTrainer;
import dev.tessera.sdk.head.HeadType;
import dev.tessera.sdk.head.LinearHead;
import dev.tessera.sdk.head.OnnxHead;
import dev.tessera.sdk.head.Prediction;
import dev.tessera.sdk.head.TrainingSet;
import dev.tessera.sdk.onnx.Sha256;
import dev.tessera.sdk.registry.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Trains, evaluates and writes the Layer 1 screening heads (what {@code tessera train safety-heads} runs):
 * <ul>
 *   <li>injection: fit on 4/5 of the training data (public + project-written Chinese), threshold and encoder
 *       route chosen on the held-out fifth, figures reported on the public test split;</li>
 *   <li>toxicity: fit on train plus benign domain clauses, class biases tuned for macro-F1 on dev (flagging at most
 *       {@link #MAX_FPR} of the dev clauses), macro-F1 and the share of benign test texts flagged reported;</li>
 *   <li>scope: nearest centroid over the project-written examples, leave-one-out accuracy reported.</li>
 * </ul>
 * Deterministic for the fixed seeds, apart from the creation time in each head's provenance.
 */
public final class ScreeningTraining {

    static final String MINILM = "all-minilm-l6-v2-q";
    static final String BGE = "bge-small-zh-v1.5";
    static final String INJECTION_MINILM = "injection-minilm.onnx";
    static final String INJECTION_BGE = "injection-bge.onnx";
    private static final String HELD_PROMPTS = "held-out prompts";
    private static final String HELD_CLAUSES = "held-out clauses";
    /** Route name: mean of the MiniLM and bge heads for non-CJK text, bge alone for CJK text. */
    static final String AVERAGED_ROUTE = "mean(minilm,bge)+bge-cjk";
    /** The screen may flag at most this share of benign held-out inputs. */
    static final double MAX_FPR = 0.03;
    static final List<String> TOXICITY_LABELS = ToxicityClassifier.LABELS;
    /** Softmax temperature of the scope centroids: cosines differ by tenths, this makes them probabilities. */
    static final double SCOPE_TEMPERATURE = 20;

    private static final String ENCODER_LICENSE = "encoder Apache-2.0";
    private static final String INJECTION_DATA = "deepset/prompt-injections train (Apache-2.0) + in-the-wild "
            + "jailbreak prompts train, Shen et al. 2024 (MIT) + project-written Chinese examples "
            + "(injection-zh-examples.tsv) + project-written English 'topic: question' lines "
            + "(injection-en-examples.tsv) + benign: one in three CUAD clauses and Terms-of-Service clauses of their "
            + "train splits (CC BY 4.0; The Atticus Project, LegalBench, Claudette/LexGLUE); 4/5 fit, 1/5 held out "
            + "(CRC32 of text mod 5) for threshold and route";

    private final ScreeningEncoders encoders;
    private final TextNormalizer normalizer = TextNormalizer.defaults();
    private final Consumer<String> log;
    /** Every text embedded once per encoder over the whole run: the heads' data overlap (clauses, held-out rows). */
    private final Map<String, SentenceEncoder> cached = new ConcurrentHashMap<>();

    public ScreeningTraining(ScreeningEncoders encoders, Consumer<String> log) {
        this.encoders = encoders;
        this.log = log;
    }

    /**
     * Test-split figures of the shipped (or just written) heads.
     *
     * @param route the injection encoder route chosen on the held-out slice
     */
    public record Result(InjectionReport injection, double injectionThreshold, String route,
                         Map<String, Double> routeComparison, BinaryMetrics chineseInjection,
                         int chineseTrainingLines, int englishTrainingLines, ToxicityOutcome toxicity,
                         ScopeOutcome scope) {
    }

    /**
     * @param macroF1 on the toxicity test split
     * @param flagged per benign domain source (short name, e.g. {@code cuad_clauses}), the share of its test texts
     *                labelled hate or offensive
     */
    public record ToxicityOutcome(double macroF1, Map<String, Double> flagged) {
        public ToxicityOutcome {
            flagged = Map.copyOf(flagged);
        }
    }

    /** Trains every head from {@code sharedData}, writes ONNX files, cards and MODEL_CARDS.md to {@code outDir}. */
    public Result run(Path sharedData, Path outDir) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = LocalDate.now(ZoneOffset.UTC) + ".1";
        Map<String, Double> comparison = new LinkedHashMap<>();
        InjectionOutcome inj = trainInjection(sharedData, outDir, version, comparison);
        ToxicityOutcome tox = trainToxicity(sharedData, outDir, version);
        ScopeOutcome scope = trainScope(outDir, version);
        Result result = new Result(inj.test, inj.threshold, inj.route, comparison, inj.chinese, inj.chineseLines,
                inj.englishLines, tox, scope);
        writeModelCardsMd(outDir, result);
        return result;
    }

    private record InjectionOutcome(InjectionReport test, double threshold, String route, BinaryMetrics chinese,
                                    int chineseLines, int englishLines) {
    }

    private InjectionOutcome trainInjection(Path shared, Path outDir, String version, Map<String, Double> cmp) {
        List<LabeledExample> train = new ArrayList<>(ScreeningDatasets.injections(shared, "train"));
        List<LabeledExample> chineseLines = ShippedModels.examples(ShippedModels.ZH_INJECTION_EXAMPLES);
        train.addAll(chineseLines);
        List<LabeledExample> englishLines = ShippedModels.examples(ShippedModels.EN_INJECTION_EXAMPLES);
        train.addAll(englishLines);
        List<LabeledExample> fit = new ArrayList<>();
        // Held out by source, so the threshold can bound each benign source's false-positive rate on its own.
        List<ScreeningDatasets.Sourced> held = new ArrayList<>();
        for (LabeledExample t : train) {
            if (ScreeningDatasets.heldOut(t.text())) {
                held.add(new ScreeningDatasets.Sourced(HELD_PROMPTS, t));
            } else {
                fit.add(t);
            }
        }
        int heldPrompts = held.size();
        // Contract and terms-of-service clauses are what the legal service is sent. Without them the head learned
        // "long, formal, second person" as injection and flagged 65 % of CUAD clauses.
        int domainFit = 0;
        for (LabeledExample t : ScreeningDatasets.trainableBenign(shared, "train")) {
            if (!ScreeningDatasets.inDomainSample(t.text())) {
                continue;
            }
            if (ScreeningDatasets.heldOut(t.text())) {
                held.add(new ScreeningDatasets.Sourced(HELD_CLAUSES, t));
            } else {
                fit.add(t);
                domainFit++;
            }
        }
        log.accept("injection: " + fit.size() + " fit (" + domainFit + " benign domain clauses), " + heldPrompts
                + " held out + " + (held.size() - heldPrompts) + " held-out domain clauses");
        LinearHead bge = trainBinary(BGE, fit, false);
        LinearHead mini = trainBinary(MINILM, fit, true);
        Map<String, InjectionDetector> routes = new LinkedHashMap<>();
        routes.put("bge-all", detector(bge, bge));
        routes.put("minilm+bge-cjk", detector(mini, bge));
        routes.put(AVERAGED_ROUTE, averagedDetector(mini, bge));
        List<ScreeningDatasets.Sourced> test = ScreeningDatasets.injectionEvaluation(shared, "test", 1);
        String best = null;
        double bestF1 = -1;
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (Map.Entry<String, InjectionDetector> r : routes.entrySet()) {
            double[] heldScores = scoresOf(r.getValue(), held);
            double threshold = threshold(held, heldScores);
            InjectionReport heldOut = InjectionReport.of(held, heldScores, threshold);
            BinaryMetrics h = heldOut.overall();
            InjectionReport t = InjectionReport.of(test, scoresOf(r.getValue(), test), threshold);
            thresholds.put(r.getKey(), threshold);
            log.accept(String.format("route %s: threshold %.4f held-out %s | test %s", r.getKey(), threshold,
                    heldOut.metrics(""), t.metrics("")));
            cmp.put(r.getKey() + ".heldout_f1", h.f1());
            cmp.put(r.getKey() + ".test_f1", t.overall().f1());
            cmp.put(r.getKey() + ".test_fpr", t.overall().falsePositiveRate());
            if (h.f1() > bestF1) {
                bestF1 = h.f1();
                best = r.getKey();
            }
        }
        routes.values().forEach(d -> d.closeHeads());
        double threshold = thresholds.get(best);
        boolean averaged = best.equals(AVERAGED_ROUTE);
        boolean mixed = averaged || best.equals("minilm+bge-cjk");
        InjectionDetector chosen = averaged ? averagedDetector(mini, bge) : detector(mixed ? mini : bge, bge);
        InjectionReport testReport = InjectionReport.of(test, scoresOf(chosen, test), threshold);
        BinaryMetrics chineseReport = evaluateChinese(chosen, threshold);
        log.accept("project-written Chinese evaluation lines: " + chineseReport.metrics(""));
        chosen.closeHeads();
        Map<String, Double> metrics = new LinkedHashMap<>(testReport.metrics("test."));
        metrics.putAll(chineseReport.metrics("project_zh."));
        metrics.put("heldout.f1", bestF1);
        metrics.put("threshold", threshold);
        String data = INJECTION_DATA;
        String license = "data Apache-2.0 (deepset/prompt-injections) + MIT (jailbreak_llms) + CC BY 4.0 (CUAD, "
                + "Terms-of-Service clauses); " + ENCODER_LICENSE;
        writeHead(outDir, INJECTION_BGE, bge, version, data, license, metrics);
        if (mixed) {
            writeHead(outDir, INJECTION_MINILM, mini, version, data, license, metrics);
        } else {
            deleteHead(outDir, INJECTION_MINILM);
        }
        writeJson(outDir.resolve(ShippedModels.INJECTION_CONFIG), new InjectionDetector.Config(threshold,
                mixed ? INJECTION_MINILM : INJECTION_BGE, INJECTION_BGE, best, averaged ? INJECTION_BGE : null,
                averaged ? thresholds.get("minilm+bge-cjk") : null));
        return new InjectionOutcome(testReport, threshold, best, chineseReport, chineseLines.size(),
                englishLines.size());
    }

    private LinearHead trainBinary(String encoder, List<LabeledExample> fit, boolean skipCjk) {
        TrainingSet.Builder b = TrainingSet.builder(INJECTION_DATA)
                .labelSpace(List.of(InjectionDetector.BENIGN, InjectionDetector.INJECTION));
        List<LabeledExample> used = fit.stream()
                .filter(t -> !(skipCjk && Scripts.containsCjk(t.text()))).toList();
        List<Embedding> e = encoder(encoder).embedAll(used.stream().map(t -> normalizer.normalizeText(t.text())).toList());
        for (int i = 0; i < used.size(); i++) {
            b.add(e.get(i).vector(), used.get(i).label().equals(ScreeningDatasets.POSITIVE)
                    ? InjectionDetector.INJECTION : InjectionDetector.BENIGN);
        }
        return HeadTrainer.builder(HeadType.MULTI_CLASS).encoder(encoder).epochs(100).learningRate(0.01)
                .l2(1e-4).batchSize(32).seed(42).build().train("injection-" + encoder, b.build());
    }

    private InjectionDetector detector(LinearHead plain, LinearHead cjk) {
        InjectionDetector.Route p = new InjectionDetector.Route(encoder(plain.provenance().encoder()),
                OnnxHead.of(plain, encoders.options()));
        InjectionDetector.Route c = new InjectionDetector.Route(encoder(cjk.provenance().encoder()),
                OnnxHead.of(cjk, encoders.options()));
        return new InjectionDetector(normalizer, p, c, 0.5, null);
    }

    /** Non-CJK text scored by the mean of the MiniLM and bge heads; CJK text by the bge head alone. */
    private InjectionDetector averagedDetector(LinearHead plain, LinearHead cjk) {
        InjectionDetector.Route c = new InjectionDetector.Route(encoder(cjk.provenance().encoder()),
                OnnxHead.of(cjk, encoders.options()));
        InjectionDetector.Route p = new InjectionDetector.Route(encoder(plain.provenance().encoder()),
                OnnxHead.of(plain, encoders.options())).averagedWith(c);
        return new InjectionDetector(normalizer, p, c, 0.5, null);
    }

    static double[] scoresOf(InjectionDetector d, List<ScreeningDatasets.Sourced> data) {
        return d.screenAll(data.stream().map(x -> x.example().text()).toList()).stream()
                .mapToDouble(InjectionVerdict::score).toArray();
    }

    /**
     * The threshold with the best held-out F1 among those that flag at most {@link #MAX_FPR} of each source's benign
     * texts: each source must stay under the bound on its own, or many easy domain clauses would let the threshold
     * drop until ordinary questions are flagged.
     */
    static double threshold(List<ScreeningDatasets.Sourced> held, double[] scores) {
        double best = 1.0;
        double bestF1 = -1;
        for (double t : Arrays.stream(scores).distinct().sorted().toArray()) {
            InjectionReport r = InjectionReport.of(held, scores, t);
            boolean withinBound = r.bySource().values().stream()
                    .allMatch(b -> !b.hasNegatives() || b.falsePositiveRate() <= MAX_FPR);
            if (withinBound && r.overall().f1() > bestF1) {
                bestF1 = r.overall().f1();
                best = t;
            }
        }
        return best;
    }

    /**
     * Test-split figures of an injection detector: prompt-injections test + jailbreaks test + every
     * {@code benignStride}-th benign domain text (1 = all), overall and per source.
     */
    public static InjectionReport evaluateInjection(InjectionDetector detector, Path sharedData, int benignStride) {
        List<ScreeningDatasets.Sourced> test = ScreeningDatasets.injectionEvaluation(sharedData, "test", benignStride);
        return InjectionReport.of(test, scoresOf(detector, test), detector.threshold());
    }

    /**
     * Figures of an injection detector at {@code threshold} on the project-written Chinese lines that training never
     * sees ({@link ScreeningDatasets#projectChinese()}).
     */
    public static BinaryMetrics evaluateChinese(InjectionDetector detector, double threshold) {
        List<ScreeningDatasets.Sourced> chinese = ScreeningDatasets.projectChinese();
        return BinaryMetrics.of(InjectionReport.actual(chinese), scoresOf(detector, chinese), threshold);
    }

    /**
     * Test-split macro-F1 of a toxicity classifier on every {@code stride}-th example (1 = the whole split; the
     * unit test uses a fixed subsample to stay fast on a shared CPU).
     */
    public static double evaluateToxicity(ToxicityClassifier classifier, Path sharedData, int stride) {
        List<LabeledExample> all = ScreeningDatasets.toxicity(sharedData, "test");
        List<LabeledExample> test = new ArrayList<>();
        for (int i = 0; i < all.size(); i += stride) {
            test.add(all.get(i));
        }
        List<Prediction> p = classifier.classifyAll(test.stream().map(LabeledExample::text).toList());
        return macroF1(test.stream().map(LabeledExample::label).toList(),
                p.stream().map(Prediction::topLabel).toList(), TOXICITY_LABELS);
    }

    private ToxicityOutcome trainToxicity(Path shared, Path outDir, String version) {
        List<LabeledExample> trainData = new ArrayList<>(ScreeningDatasets.toxicity(shared, "train"));
        // Contract and terms-of-service clauses are what the legal service is sent. Trained on tweets alone, the head
        // called one in 25 of them offensive or hate; the same one-in-three sample the injection head uses.
        int clauses = 0;
        for (LabeledExample t : ScreeningDatasets.trainableBenign(shared, "train")) {
            if (ScreeningDatasets.inDomainSample(t.text())) {
                trainData.add(new LabeledExample(t.text(), ToxicityClassifier.NEITHER));
                clauses++;
            }
        }
        float[][] train = vectors(MINILM, trainData);
        List<LabeledExample> devData = ScreeningDatasets.toxicity(shared, "dev");
        List<LabeledExample> testData = ScreeningDatasets.toxicity(shared, "test");
        String data = "Davidson et al. 2017 hate-speech-and-offensive-language (MIT), train split + " + clauses
                + " CUAD and Terms-of-Service train clauses as neither (one in three; CC BY 4.0); class biases tuned "
                + "on dev for macro-F1, flagging at most " + Math.round(MAX_FPR * 100) + " % of the dev clauses";
        log.accept("toxicity: " + trainData.size() + " fit (" + clauses + " benign domain clauses)");
        TrainingSet.Builder b = TrainingSet.builder(data).labelSpace(TOXICITY_LABELS);
        for (int i = 0; i < train.length; i++) {
            b.add(train[i], trainData.get(i).label());
        }
        LinearHead raw = HeadTrainer.builder(HeadType.MULTI_CLASS).encoder(MINILM).epochs(30).learningRate(0.01)
                .l2(1e-4).batchSize(64).seed(42).build().train("toxicity", b.build());
        // The classes are skewed (hate is ~6 %): shifting the biases trades the majority classes' recall for
        // the minority's, which is what macro-F1 rewards. Chosen on dev, never on test, among the shifts that keep
        // benign clauses unflagged as the injection threshold does.
        float[][] dev = vectors(MINILM, devData);
        float[][] devClauses = vectors(MINILM, ScreeningDatasets.trainableBenign(shared, "dev"));
        List<String> devGold = devData.stream().map(LabeledExample::label).toList();
        double bestF1 = -1;
        double bestFlagged = Double.NaN;
        float[] bestShift = new float[3];
        for (double hate = 0; hate <= 4.0; hate += 0.25) {
            for (double neither = -1.5; neither <= 1.5; neither += 0.25) {
                float[] shift = {(float) hate, 0f, (float) neither};
                double flagged = ToxicityFalseAlarms.share(argmax(raw, devClauses, shift));
                if (flagged > MAX_FPR) {
                    continue;
                }
                double f1 = macroF1(devGold, argmax(raw, dev, shift), TOXICITY_LABELS);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestShift = shift;
                    bestFlagged = flagged;
                }
            }
        }
        if (bestF1 < 0) {
            throw new IllegalStateException("no toxicity bias shift flags at most " + MAX_FPR + " of the dev clauses");
        }
        float[] bias = raw.bias().clone();
        for (int k = 0; k < bias.length; k++) {
            bias[k] += bestShift[k];
        }
        HeadProvenance p = raw.provenance();
        Map<String, String> config = new LinkedHashMap<>(p.config());
        config.put("devBiasShift", Arrays.toString(bestShift));
        LinearHead head = new LinearHead("toxicity", HeadType.MULTI_CLASS, raw.labels(), raw.weights(), bias,
                new HeadProvenance(p.trainer(), config, p.trainingData(), p.examples(), p.encoder(), p.createdAt(),
                        null));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("dev.macro_f1", bestF1);
        metrics.put("dev.clauses_flagged", bestFlagged);
        double testF1;
        List<String> sources = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (OnnxHead onnx = OnnxHead.of(head, encoders.options())) {
            testF1 = macroF1(testData.stream().map(LabeledExample::label).toList(),
                    predict(onnx, vectors(MINILM, testData)), TOXICITY_LABELS);
            metrics.put("test.macro_f1", testF1);
            for (String source : ScreeningDatasets.EVALUATION_BENIGN) {
                List<String> predicted = predict(onnx, vectors(MINILM, ScreeningDatasets.benign(shared, source, "test")));
                sources.addAll(Collections.nCopies(predicted.size(), source));
                labels.addAll(predicted);
            }
        }
        Map<String, Double> flagged = new TreeMap<>();
        ToxicityFalseAlarms.of(sources, labels).bySource()
                .forEach((source, share) -> flagged.put(ScreeningDatasets.shortName(source), share));
        flagged.forEach((source, share) -> metrics.put("test.flagged." + source, share));
        log.accept(String.format(Locale.ROOT, "toxicity: bias shift %s dev macro-F1 %.4f (dev clauses flagged %.4f) "
                + "test %s", Arrays.toString(bestShift), bestF1, bestFlagged, metrics));
        writeHead(outDir, ShippedModels.TOXICITY_HEAD, head, version, data, "data MIT, CC BY 4.0; " + ENCODER_LICENSE,
                metrics);
        return new ToxicityOutcome(testF1, flagged);
    }

    private static List<String> predict(OnnxHead onnx, float[][] x) {
        List<String> predicted = new ArrayList<>(x.length);
        for (float[] probs : onnx.predict(x)) {
            predicted.add(TOXICITY_LABELS.get(argmax(probs)));
        }
        return predicted;
    }

    /**
     * The scope figures: leave-one-out on the training lines, and the held-out project-written requests
     * ({@code scope-test.tsv}, {@link ScopeEvaluation}) scored by the centroids just trained.
     */
    public record ScopeOutcome(int examples, double leaveOneOutAccuracy, ScopeEvaluation.Report test) {
    }

    private ScopeOutcome trainScope(Path outDir, String version) {
        List<LabeledExample> all = ShippedModels.examples(ShippedModels.SCOPE_EXAMPLES);
        List<LabeledExample> plain = all.stream().filter(t -> !Scripts.containsCjk(t.text())).toList();
        List<String> labels = Arrays.stream(Scope.values()).map(Scope::label).toList();
        float[][] xPlain = vectors(MINILM, plain);
        float[][] xAll = vectors(BGE, all);
        int plainCorrect = looCorrect(plain, xPlain, labels, t -> true);
        int cjkCorrect = looCorrect(all, xAll, labels, t -> Scripts.containsCjk(t.text()));
        double loo = (double) (plainCorrect + cjkCorrect) / all.size();
        double bgeOnly = (double) looCorrect(all, xAll, labels, t -> true) / all.size();
        log.accept(String.format("scope: leave-one-out accuracy %.4f routed (MiniLM non-CJK + bge CJK), %.4f bge only",
                loo, bgeOnly));
        String data = "project-written English and Chinese requests (scope-examples.tsv, " + all.size() + " lines)";
        LinearHead plainHead = centroidHead(plain, xPlain, labels, MINILM, data + "; non-CJK examples only");
        LinearHead cjkHead = centroidHead(all, xAll, labels, BGE, data);
        List<LabeledExample> testRequests = ScopeEvaluation.requests(ScopeEvaluation.Split.TEST);
        // Routed as ScopeClassifier routes them: CJK text to the bge centroids, the rest to the MiniLM ones.
        float[][] plainVectors = vectors(MINILM, testRequests);
        float[][] cjkVectors = vectors(BGE, testRequests);
        Map<String, Prediction> predictions = new HashMap<>();
        for (int i = 0; i < testRequests.size(); i++) {
            String text = testRequests.get(i).text();
            boolean cjk = Scripts.containsCjk(text);
            float[] scores = cjk ? cjkHead.scores(cjkVectors[i]) : plainHead.scores(plainVectors[i]);
            predictions.put(text, Prediction.of(labels, scores, HeadType.MULTI_CLASS, false));
        }
        ScopeEvaluation.Report test = ScopeEvaluation.evaluate(predictions::get, testRequests,
                InputScreen.DEFAULT_MIN_SCOPE_PROBABILITY);
        log.accept(String.format("scope: held-out project requests (scope-test.tsv) accuracy %.4f, refused by their "
                + "own service %d of %d, off-topic taken %d of %d service checks", test.accuracy(), test.refused(),
                test.inDomain(), test.offTopicTaken(), test.offTopicChecks()));
        Map<String, Double> metrics = Map.of("project_examples.leave_one_out_accuracy", loo,
                "project_examples.leave_one_out_accuracy_bge_only", bgeOnly,
                "project_test_requests.accuracy", test.accuracy(),
                "project_test_requests.refused_by_own_service", test.refusedRate(),
                "project_test_requests.off_topic_taken", test.offTopicTakenRate());
        writeHead(outDir, ShippedModels.SCOPE_HEAD, plainHead, version, data,
                "project-written data; " + ENCODER_LICENSE, metrics);
        writeHead(outDir, ShippedModels.SCOPE_CJK_HEAD, cjkHead, version, data,
                "project-written data; " + ENCODER_LICENSE, metrics);
        return new ScopeOutcome(all.size(), loo, test);
    }

    /** How many examples selected by {@code counted} their leave-one-out centroids classify correctly. */
    private static int looCorrect(List<LabeledExample> ex, float[][] x, List<String> labels,
                                  java.util.function.Predicate<LabeledExample> counted) {
        int correct = 0;
        for (int i = 0; i < ex.size(); i++) {
            if (counted.test(ex.get(i))
                    && labels.get(argmax(dot(centroids(ex, x, labels, i), x[i]))).equals(ex.get(i).label())) {
                correct++;
            }
        }
        return correct;
    }

    private static LinearHead centroidHead(List<LabeledExample> ex, float[][] x, List<String> labels, String encoder,
                                           String data) {
        float[][] c = centroids(ex, x, labels, -1);
        for (float[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= (float) SCOPE_TEMPERATURE;
            }
        }
        return new LinearHead("scope-" + encoder, HeadType.MULTI_CLASS, labels, c, new float[labels.size()],
                new HeadProvenance("tessera-nearest-centroid/1",
                        Map.of("temperature", String.valueOf(SCOPE_TEMPERATURE)), data, ex.size(), encoder,
                        Instant.now().toString(), null));
    }

    /** Unit centroid per label, leaving out example {@code skip} (or none when negative). */
    private static float[][] centroids(List<LabeledExample> ex, float[][] x, List<String> labels, int skip) {
        float[][] c = new float[labels.size()][x[0].length];
        for (int i = 0; i < ex.size(); i++) {
            if (i != skip) {
                float[] row = c[labels.indexOf(ex.get(i).label())];
                for (int j = 0; j < row.length; j++) {
                    row[j] += x[i][j];
                }
            }
        }
        for (float[] row : c) {
            double n = 0;
            for (float v : row) {
                n += v * v;
            }
            double norm = Math.sqrt(n);
            for (int j = 0; j < row.length; j++) {
                row[j] /= (float) norm;
            }
        }
        return c;
    }

    private static double[] dot(float[][] w, float[] x) {
        double[] s = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            for (int j = 0; j < x.length; j++) {
                s[k] += w[k][j] * x[j];
            }
        }
        return s;
    }

    private static List<String> argmax(LinearHead head, float[][] x, float[] shift) {
        List<String> out = new ArrayList<>(x.length);
        for (float[] row : x) {
            double[] s = dot(head.weights(), row);
            for (int k = 0; k < s.length; k++) {
                s[k] += head.bias()[k] + shift[k];
            }
            out.add(head.labels().get(argmax(s)));
        }
        return out;
    }

    private static int argmax(double[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) {
            if (s[k] > s[best]) {
                best = k;
            }
        }
        return best;
    }

    private static int argmax(float[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) {
            if (s[k] > s[best]) {
                best = k;
            }
        }
        return best;
    }

    static double macroF1(List<String> gold, List<String> predicted, List<String> labels) {
        double sum = 0;
        for (String l : labels) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < gold.size(); i++) {
                boolean g = gold.get(i).equals(l);
                boolean p = predicted.get(i).equals(l);
                tp += g && p ? 1 : 0;
                fp += !g && p ? 1 : 0;
                fn += g && !p ? 1 : 0;
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / labels.size();
    }

    private float[][] vectors(String encoder, List<LabeledExample> data) {
        List<String> texts = new ArrayList<>(data.size());
        for (LabeledExample t : data) {
            String clean = normalizer.normalizeText(t.text());
            // A tweet of only emoji codes or invisible characters still needs a row; "." embeds as neutral.
            texts.add(clean.isBlank() ? "." : clean);
        }
        return encoder(encoder).embedAll(texts).stream().map(Embedding::vector).toArray(float[][]::new);
    }

    private SentenceEncoder encoder(String name) {
        return cached.computeIfAbsent(name, n -> RecentEmbeddings.of(encoders.get(n), Integer.MAX_VALUE));
    }

    private void writeHead(Path outDir, String file, LinearHead head, String version, String data, String license,
                           Map<String, Double> metrics) {
        byte[] onnx = head.toOnnx();
        try {
            Files.write(outDir.resolve(file), onnx);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String source = "tessera train safety-heads; trainer " + head.provenance().trainer() + "; encoder "
                + head.provenance().encoder();
        writeJson(outDir.resolve(ShippedModels.cardFile(file)),
                new ModelCard(head.name(), version, source, data, license, metrics, Sha256.hex(onnx)));
    }

    private static void deleteHead(Path outDir, String file) {
        try {
            Files.deleteIfExists(outDir.resolve(file));
            Files.deleteIfExists(outDir.resolve(ShippedModels.cardFile(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJson(Path file, Object value) {
        try {
            Files.writeString(file, ShippedModels.JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeModelCardsMd(Path outDir, Result r) {
        String md = """
                # Layer 1 screening heads

                Written by `tessera train safety-heads` (class `ScreeningTraining`); every `.onnx` file has a
                `.card.json` beside it (dev.tessera.sdk.registry.ModelCard: source, training data, licenses, test
                metrics, sha256). Data is read from `../shared/data/safety` and never copied here; the only
                examples in this folder are project-written (`injection-zh-examples.tsv`, `injection-en-examples.tsv`,
                `injection-zh-eval.tsv`, `scope-examples.tsv`, `scope-dev.tsv`, `scope-test.tsv`).

                | head | encoder | training / tuning | test figures |
                |---|---|---|---|
                | injection (`injection-detector.json`, route `%s`) | see the route | fit on 4/5 of deepset/prompt-injections train (Apache-2.0) + jailbreak_llms train (MIT) + %d project-written Chinese lines + %d project-written English "topic: question" lines + one in three CUAD and Terms-of-Service clauses of their train splits as benign text (CC BY 4.0); route and threshold on the held-out 1/5 (FPR ≤ 3 %% on the benign prompts and on the clauses, each) | on prompt_injections + jailbreaks + CUAD + ToS + PhraseBank test: P %.3f, R %.3f, F1 %.3f, FPR %.3f at threshold %.4f; per source: %s. Project-written Chinese lines never trained on (`injection-zh-eval.tsv`, %d): P %.3f, R %.3f, F1 %.3f, FPR %.3f |
                | toxicity (`toxicity-minilm.onnx`) | all-minilm-l6-v2-q | Davidson et al. 2017 (MIT) train + one in three CUAD and Terms-of-Service train clauses as neither (CC BY 4.0); class biases tuned on dev for macro-F1, flagging at most 3 %% of the dev clauses | macro-F1 %.3f; benign domain test texts labelled hate or offensive: %s |
                | scope (`scope-minilm.onnx`, `scope-bge.onnx` for CJK text) | all-minilm-l6-v2-q / bge-small-zh-v1.5 | nearest centroid of %d project-written EN/ZH requests (temperature %.0f) | leave-one-out accuracy %.3f on the project examples; on %d project-written requests never trained on (`scope-test.tsv`, no public test set): accuracy %.3f, %d of %d refused by their own service (domain probability below %.2f), off-topic taken in %d of %d service checks |

                Route comparison (injection; the route is chosen on held-out F1, test shown for information): %s

                Encoders: Apache-2.0 (all-MiniLM-L6-v2, bge-small-zh-v1.5), shipped by the SDK. Known limits: the
                public injection data is English/German and single-turn; toxicity data is English tweets, so the
                toxicity head is English-only; Chinese injection coverage rests on %d project-written training lines,
                and its figures on %d project-written evaluation lines by the same authors.
                """.formatted(r.route(), r.chineseTrainingLines(), r.englishTrainingLines(),
                r.injection().overall().precision(),
                r.injection().overall().recall(), r.injection().overall().f1(),
                r.injection().overall().falsePositiveRate(), r.injectionThreshold(), perSource(r.injection()),
                r.chineseInjection().total(), r.chineseInjection().precision(), r.chineseInjection().recall(),
                r.chineseInjection().f1(), r.chineseInjection().falsePositiveRate(),
                r.toxicity().macroF1(), flaggedShares(r.toxicity()), r.scope().examples(), SCOPE_TEMPERATURE,
                r.scope().leaveOneOutAccuracy(), r.scope().test().requests(), r.scope().test().accuracy(),
                r.scope().test().refused(), r.scope().test().inDomain(), InputScreen.DEFAULT_MIN_SCOPE_PROBABILITY,
                r.scope().test().offTopicTaken(), r.scope().test().offTopicChecks(),
                r.routeComparison(), r.chineseTrainingLines(),
                r.chineseInjection().total());
        try {
            Files.writeString(outDir.resolve("MODEL_CARDS.md"), md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String flaggedShares(ToxicityOutcome toxicity) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(toxicity.flagged()).forEach((source, share) -> b.append(b.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.3f", source, share)));
        return b.toString();
    }

    private static String perSource(InjectionReport report) {
        StringBuilder out = new StringBuilder();
        report.sourceMetrics("").forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k)
                .append(String.format(java.util.Locale.ROOT, " %.3f", v)));
        return out.toString();
    }
}
