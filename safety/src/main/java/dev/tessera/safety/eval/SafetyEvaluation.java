package dev.tessera.safety.eval;

import dev.tessera.safety.screening.LabeledExample;
import dev.tessera.safety.screening.ScreeningDatasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.pii.LabeledText;
import dev.tessera.safety.pii.PiiEvaluation;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.safety.pii.PiiTagger;
import dev.tessera.safety.pii.TemplateBootstrap;
import dev.tessera.safety.pii.TemplateGroups;
import dev.tessera.safety.screening.BinaryMetrics;
import dev.tessera.safety.screening.InjectionDetector;
import dev.tessera.safety.screening.InjectionReport;
import dev.tessera.safety.screening.InjectionVerdict;
import dev.tessera.safety.screening.ScreeningEncoders;
import dev.tessera.safety.screening.ScreeningTraining;
import dev.tessera.safety.screening.TextNormalizer;
import dev.tessera.safety.screening.ToxicityClassifier;
import dev.tessera.safety.screening.ToxicityFalseAlarms;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.head.Prediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The whole layer 1 of the safety filter on the public test splits under {@code <sharedData>/safety} (read in
 * place): what {@code tessera eval safety} runs.
 * <ul>
 *   <li>PII: {@link PiiEvaluation#presidio()} on {@code pii_synthetic/test}, per type, exact and overlap, micro over
 *       the claimed types; the default tagger (MiniLM input embeddings, no encoder pass), optionally also the
 *       tagger on MiniLM token states.</li>
 *   <li>Injection: the shipped {@link InjectionDetector} at its shipped threshold on {@code prompt_injections/test}
 *       + {@code jailbreaks/test} + benign domain text ({@link ScreeningDatasets#injectionEvaluation}); precision,
 *       recall, F1 via {@link BinaryMetrics} and the false-positive rate on the benign texts, overall and per source
 *       (the same computation as {@code ScreeningTraining.evaluateInjection}, from one scoring pass that also yields
 *       the precision-recall curve).</li>
 *   <li>Toxicity: the shipped {@link ToxicityClassifier} on {@code toxicity/test}; macro-F1 over hate / offensive /
 *       neither of the top label (as {@code ScreeningTraining.evaluateToxicity}), plus one-vs-rest curves.</li>
 *   <li>Latency per KB of text, over chunks of at least 1 KB joined from the PII test texts: without the encoder
 *       ({@link PiiEvaluation#latency}, the default PII scan, which is all of layer 1 that runs without one) and with
 *       it (PII scan + injection screen + toxicity screen on the same chunk, i.e. full layer 1).</li>
 * </ul>
 */
public final class SafetyEvaluation {

    public static final List<String> TOXICITY_LABELS = ToxicityClassifier.LABELS;
    static final int CHUNK_BYTES = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetyEvaluation() {
    }

    /**
     * @param stride           evaluate every {@code stride}-th example of each split (1 = all; larger for smoke tests)
     * @param latencyRounds    timed passes over the chunks without the encoder (with it: a fifth, at least 1)
     * @param latencyMaxChunks at most this many 1 KB chunks are timed
     * @param piiEncoder       also score the MiniLM PII tagger (slower); the headline stays the default tagger
     */
    public record Options(int stride, int latencyRounds, int latencyMaxChunks, boolean piiEncoder) {
        public Options {
            if (stride < 1 || latencyRounds < 1 || latencyMaxChunks < 1) {
                throw new IllegalArgumentException("stride, latencyRounds and latencyMaxChunks must be >= 1");
            }
        }

        public static Options full() {
            return new Options(1, 20, Integer.MAX_VALUE, false);
        }
    }

    /** Milliseconds per KB of UTF-8 input. */
    public record Latency(int chunks, int rounds, double p50MsPerKb, double p99MsPerKb, double meanMsPerKb) {
    }

    /** One toxicity class, one-vs-rest: scores of the top-label decision and the curve of its probability. */
    public record ClassScores(String label, int gold, int predicted, double precision, double recall, double f1,
                              PrecisionRecallCurve curve) {
    }

    /** Every figure of one run. {@code piiEncoderReport} is null unless {@link Options#piiEncoder()}. */
    public record Result(Options options, PiiEvaluation.Report pii, PiiEvaluation.Report piiEncoderReport,
                         PiiEvaluation.AddressConvention piiAddressConvention, TemplateBootstrap.Interval piiInterval,
                         InjectionReport injection, double injectionThreshold, int injectionTexts,
                         PrecisionRecallCurve injectionCurve, BinaryMetrics chineseInjection,
                         double toxicityMacroF1, int toxicityTexts,
                         List<ClassScores> toxicity, ToxicityFalseAlarms toxicityFalseAlarms,
                         Latency layer1NoEncoder, Latency layer1WithEncoder) {

        public Result {
            toxicity = List.copyOf(toxicity);
            Objects.requireNonNull(toxicityFalseAlarms, "toxicityFalseAlarms");
        }

        /** The RESULT figures: headline keys first, then details. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pii_f1", round(pii.microExact().f1()));
            m.put("injection_f1", round(injection.overall().f1()));
            m.put("injection_fpr", round(injection.overall().falsePositiveRate()));
            m.put("toxicity_macro_f1", round(toxicityMacroF1));
            m.put("layer1_p99_ms", round(layer1WithEncoder.p99MsPerKb()));
            m.put("layer1_p50_ms", round(layer1WithEncoder.p50MsPerKb()));
            m.put("layer1_p99_ms_no_encoder", round(layer1NoEncoder.p99MsPerKb()));
            m.put("layer1_p50_ms_no_encoder", round(layer1NoEncoder.p50MsPerKb()));
            m.put("pii_f1_overlap", round(pii.microOverlap().f1()));
            m.put("pii_f1_ci95", piiInterval.bounds());
            m.put("pii_f1_ci95_clusters", piiInterval.clusters());
            m.put("pii_precision", round(pii.microExact().precision()));
            m.put("pii_recall", round(pii.microExact().recall()));
            if (piiEncoderReport != null) {
                m.put("pii_f1_minilm", round(piiEncoderReport.microExact().f1()));
                m.put("pii_f1_overlap_minilm", round(piiEncoderReport.microOverlap().f1()));
            }
            m.put("pii_f1_ceiling_one_span_per_address", round(piiAddressConvention.oracle().microExact().f1()));
            m.put("pii_address_spans_in_split_addresses", piiAddressConvention.spansInSplitAddresses());
            injection.metrics("injection_").forEach((k, v) -> m.putIfAbsent(k, round(v)));
            m.put("injection_threshold", round(injectionThreshold));
            m.put("injection_ap", round(injectionCurve.averagePrecision()));
            chineseInjection.metrics("injection_zh_").forEach((k, v) -> m.put(k, round(v)));
            Map<String, Object> tox = new LinkedHashMap<>();
            for (ClassScores c : toxicity) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("precision", round(c.precision()));
                cm.put("recall", round(c.recall()));
                cm.put("f1", round(c.f1()));
                cm.put("ap", round(c.curve().averagePrecision()));
                tox.put(c.label(), cm);
            }
            m.put("toxicity_per_class", tox);
            m.put("toxicity_flagged_benign", round(toxicityFalseAlarms.overall()));
            toxicityFalseAlarms.bySource().forEach((source, share) ->
                    m.put("toxicity_flagged." + ScreeningDatasets.shortName(source), round(share)));
            m.put("pii_texts", pii.texts());
            m.put("injection_texts", injectionTexts);
            m.put("toxicity_texts", toxicityTexts);
            m.put("stride", options.stride());
            m.put("pii_per_type", pii.toMap().get("per_type"));
            return m;
        }

        public String resultJson() {
            try {
                return JSON.writeValueAsString(toMap());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code RESULT {json}}, the last line of the command's output. */
        public String resultLine() {
            return "RESULT " + resultJson();
        }

        /** Plain-text tables for the console. */
        public String table() {
            StringBuilder b = new StringBuilder();
            b.append("== PII (layer 1, default tagger: MiniLM input embeddings, no encoder pass) ==\n")
                    .append(pii.table());
            if (piiEncoderReport != null) {
                b.append("\n== PII (MiniLM tagger) ==\n").append(piiEncoderReport.table());
            }
            b.append("\n== injection / jailbreak ==\n");
            b.append(String.format(Locale.ROOT, "%-10s %6s %6s %6s %6s %6s %9s%n", "texts", "P", "R", "F1", "FPR",
                    "AP", "threshold"));
            BinaryMetrics all = injection.overall();
            b.append(String.format(Locale.ROOT, "%-10d %6.3f %6.3f %6.3f %6.3f %6.3f %9.4f%n", injectionTexts,
                    all.precision(), all.recall(), all.f1(), all.falsePositiveRate(),
                    injectionCurve.averagePrecision(), injectionThreshold));
            b.append(String.format(Locale.ROOT, "(TP %d FP %d TN %d FN %d)%n", all.truePositives(),
                    all.falsePositives(), all.trueNegatives(), all.falseNegatives()));
            injection.bySource().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append(consoleSourceRow(e.getKey(), e.getValue())).append('\n'));
            b.append(consoleSourceRow(ScreeningDatasets.PROJECT_ZH, chineseInjection))
                    .append("  (project-written Chinese, never trained on)\n");
            b.append("\n== toxicity ==\n");
            b.append(String.format(Locale.ROOT, "%-10s %5s %5s %6s %6s %6s %6s%n", "class", "gold", "pred", "P", "R",
                    "F1", "AP"));
            for (ClassScores c : toxicity) {
                b.append(String.format(Locale.ROOT, "%-10s %5d %5d %6.3f %6.3f %6.3f %6.3f%n", c.label(), c.gold(),
                        c.predicted(), c.precision(), c.recall(), c.f1(), c.curve().averagePrecision()));
            }
            b.append(String.format(Locale.ROOT, "macro-F1 %.3f over %d texts%n", toxicityMacroF1, toxicityTexts));
            b.append(String.format(Locale.ROOT, "benign domain texts flagged hate or offensive: %.3f %s%n",
                    toxicityFalseAlarms.overall(), toxicityFalseAlarms.bySource()));
            b.append("\n== layer 1 latency per KB ==\n");
            b.append(latencyRow("no encoder (PII scan)", layer1NoEncoder));
            b.append(latencyRow("with encoder (PII + injection + toxicity)", layer1WithEncoder));
            return b.toString();
        }

        /** A benign-only source has no recall or F1 and a positive-only one no FPR: those cells show a dash. */
        private static String consoleSourceRow(String name, BinaryMetrics m) {
            return String.format(Locale.ROOT, "  %-26s TP %4d FP %4d TN %4d FN %4d  recall %5s  FPR %5s", name,
                    m.truePositives(), m.falsePositives(), m.trueNegatives(), m.falseNegatives(),
                    cell(m.hasPositives(), m.recall()), cell(m.hasNegatives(), m.falsePositiveRate()));
        }

        private static String sourceRow(String name, BinaryMetrics m) {
            return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %d | %d | %d |%n", name,
                    cell(m.hasPositives(), m.precision()), cell(m.hasPositives(), m.recall()),
                    cell(m.hasPositives(), m.f1()), cell(m.hasNegatives(), m.falsePositiveRate()), m.truePositives(), m.falsePositives(), m.trueNegatives(),
                    m.falseNegatives());
        }

        private static String cell(boolean defined, double value) {
            return defined ? String.format(Locale.ROOT, "%.3f", value) : "–";
        }

        private static String latencyRow(String name, Latency l) {
            return String.format(Locale.ROOT, "%-42s p50 %8.3f ms  p99 %8.3f ms  mean %8.3f ms  (%d chunks x %d)%n",
                    name, l.p50MsPerKb(), l.p99MsPerKb(), l.meanMsPerKb(), l.chunks(), l.rounds());
        }

        /** The report: tables in Markdown, referring to the PNGs beside it. */
        public String markdown() {
            StringBuilder b = new StringBuilder();
            b.append("# Safety layer 1 evaluation\n\n");
            b.append("Written by `tessera eval safety` (`dev.tessera.safety.eval.SafetyEvaluation`) from the test splits"
                    + " under `../shared/data/safety`");
            b.append(options.stride() == 1 ? ".\n\n"
                    : String.format(Locale.ROOT, ", every %d-th example only (smoke run).%n%n", options.stride()));
            b.append("| metric | value |\n|---|---|\n");
            for (Map.Entry<String, Object> e : toMap().entrySet()) {
                if (e.getValue() instanceof Number) {
                    b.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
                }
            }
            b.append("\nLatency keys are milliseconds per KB of input; `layer1_p50_ms`/`layer1_p99_ms` time full layer 1 "
                    + "(PII scan + injection + toxicity, with the encoder), the `_no_encoder` keys the PII scan alone.\n");
            b.append("\n## PII (").append(pii.texts())
                    .append(" texts; default tagger: MiniLM input embeddings, no encoder pass)\n\n");
            piiMarkdown(b, pii);
            b.append(String.format(Locale.ROOT, "%nMicro exact F1 %.3f, 95%% interval [%.3f, %.3f]: a bootstrap that "
                    + "resamples the %d groups of texts written by one generator template (`TemplateBootstrap`), since "
                    + "a template's wording makes the same error in each of its texts.%n", piiInterval.estimate(),
                    piiInterval.low(), piiInterval.high(), piiInterval.clusters()));
            if (piiEncoderReport != null) {
                b.append("\n## PII, MiniLM tagger\n\n");
                piiMarkdown(b, piiEncoderReport);
            }
            addressConventionMarkdown(b, piiAddressConvention);
            b.append(String.format(Locale.ROOT, "%n## Injection and jailbreak (%d texts)%n%n", injectionTexts));
            b.append("prompt_injections/test + jailbreaks/test + benign domain text (CUAD clauses, Terms-of-Service "
                    + "clauses, Financial PhraseBank sentences: what the services are sent), shipped detector at its "
                    + "shipped threshold. FPR is the share of benign texts flagged.\n\n");
            b.append("| source | P | R | F1 | FPR | TP | FP | TN | FN |\n|---|---|---|---|---|---|---|---|---|\n");
            b.append(sourceRow("all (AP " + String.format(Locale.ROOT, "%.3f", injectionCurve.averagePrecision())
                    + String.format(Locale.ROOT, ", threshold %.4f)", injectionThreshold), injection.overall()));
            injection.bySource().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append(sourceRow(e.getKey(), e.getValue())));
            b.append(String.format(Locale.ROOT, "%nChinese: the public sets hold almost no Chinese, so the screen is "
                    + "also scored on %d project-written Chinese lines that training never saw "
                    + "(`injection-zh-eval.tsv`; injections hidden in documents, role play, authority claims, and "
                    + "benign legal, medical and finance questions), written by the same authors as the Chinese "
                    + "training lines: a check, not a benchmark.%n%n", chineseInjection.total()));
            b.append("| source | P | R | F1 | FPR | TP | FP | TN | FN |\n|---|---|---|---|---|---|---|---|---|\n");
            b.append(sourceRow(ScreeningDatasets.PROJECT_ZH, chineseInjection));
            b.append("\n![injection precision-recall](injection-pr.png)\n");
            b.append(String.format(Locale.ROOT, "%n## Toxicity (%d texts)%n%n", toxicityTexts));
            b.append("Top label of the shipped head; P/R/F1 per class one-vs-rest, AP of the class probability.\n\n");
            b.append("| class | gold | predicted | P | R | F1 | AP |\n|---|---|---|---|---|---|---|\n");
            for (ClassScores c : toxicity) {
                b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f |%n", c.label(),
                        c.gold(), c.predicted(), c.precision(), c.recall(), c.f1(), c.curve().averagePrecision()));
            }
            b.append(String.format(Locale.ROOT, "%nmacro-F1 **%.3f**%n", toxicityMacroF1));
            b.append(String.format(Locale.ROOT, "%nBenign domain texts (the injection section's CUAD, Terms-of-Service "
                    + "and PhraseBank test texts) labelled hate or offensive: %.3f overall", toxicityFalseAlarms.overall()));
            toxicityFalseAlarms.bySource().forEach((source, share) ->
                    b.append(String.format(Locale.ROOT, "; %s %.3f", source, share)));
            b.append(".\n");
            b.append("\n![toxicity precision-recall](toxicity-pr.png)\n");
            b.append("\n## Layer 1 latency per KB of text\n\n");
            b.append("Chunks of at least 1 KB joined from the PII test texts; single caller; milliseconds per KB.\n\n");
            b.append("| configuration | chunks x rounds | p50 | p99 | mean |\n|---|---|---|---|---|\n");
            for (Object[] row : new Object[][]{{"no encoder pass (PII scan, default tagger)", layer1NoEncoder},
                    {"with encoder (PII + injection + toxicity)", layer1WithEncoder}}) {
                Latency l = (Latency) row[1];
                b.append(String.format(Locale.ROOT, "| %s | %d x %d | %.3f | %.3f | %.3f |%n", row[0], l.chunks(),
                        l.rounds(), l.p50MsPerKb(), l.p99MsPerKb(), l.meanMsPerKb()));
            }
            return b.toString();
        }

        private static void addressConventionMarkdown(StringBuilder b, PiiEvaluation.AddressConvention c) {
            PiiEvaluation.Scores address = c.oracle().exact().get(dev.tessera.safety.pii.PiiType.STREET_ADDRESS);
            b.append("\n### What exact spans allow: one span per address\n\n");
            b.append(String.format(Locale.ROOT, "The generator labels an address it fills in whole as one span, and one it"
                    + " composes from parts as a span per part (number, street, unit, postcode; city and country as"
                    + " GPE), so the same text gets different gold spans in different templates. Of %d gold"
                    + " STREET_ADDRESS spans, %d lie in the %d of %d addresses labelled in parts. A recogniser that"
                    + " finds every address perfectly as one span, and every other claimed span exactly, scores"
                    + " STREET_ADDRESS exact F1 %.3f and micro exact F1 **%.3f**: the ceiling of any recogniser that"
                    + " labels an address the same way wherever it appears. The shipped taggers learned from the train"
                    + " split to label a letter-head address by part and an address run into a sentence whole."
                    + " `StreetAddressRecognizer` reports a building number before a street that has its own number"
                    + " (\"his address: 5049 Harjukuja 54, Seinäjoki\") as two parts unless the address is written out"
                    + " with a unit or with town and country, and the address block of a letter right under the"
                    + " addressee's name by part.%n", c.goldAddressSpans(),
                    c.spansInSplitAddresses(), c.splitAddresses(), c.addresses(), address == null ? 0 : address.f1(),
                    c.oracle().microExact().f1()));
        }

        private static void piiMarkdown(StringBuilder b, PiiEvaluation.Report r) {
            b.append("| type | gold | predicted | P | R | F1 | F1 overlap |\n|---|---|---|---|---|---|---|\n");
            List<dev.tessera.safety.pii.PiiType> types = new ArrayList<>(r.exact().keySet());
            types.sort(null);
            for (dev.tessera.safety.pii.PiiType t : types) {
                PiiEvaluation.Scores e = r.exact().get(t);
                b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f |%n", t, e.gold(),
                        e.predicted(), e.precision(), e.recall(), e.f1(), r.overlap().get(t).f1()));
            }
            PiiEvaluation.Scores e = r.microExact();
            b.append(String.format(Locale.ROOT, "| **micro** | %d | %d | %.3f | %.3f | **%.3f** | %.3f |%n", e.gold(),
                    e.predicted(), e.precision(), e.recall(), e.f1(), r.microOverlap().f1()));
        }
    }

    /** True when every test split this evaluation reads is under {@code sharedData}. */
    public static boolean present(Path sharedData) {
        return EvalDatasets.present(sharedData);
    }

    /**
     * Runs everything on shared encoders (the caller closes them). They must keep no recent embeddings
     * ({@code ScreeningEncoders.create(options, 0)}): the latency rounds screen the same chunks again and again, which
     * would be served from memory, while every request a service sees is new text.
     *
     * @throws IllegalArgumentException if {@code encoders} keep recent embeddings
     */
    public static Result run(Path sharedData, ScreeningEncoders encoders, Options options, Consumer<String> log) {
        Objects.requireNonNull(sharedData, "sharedData");
        Objects.requireNonNull(options, "options");
        if (encoders.recentEmbeddings() > 0) {
            throw new IllegalArgumentException("the evaluation times repeated chunks: give it encoders without "
                    + "recent embeddings (ScreeningEncoders.create(options, 0)), not " + encoders.recentEmbeddings());
        }
        if (!present(sharedData)) {
            throw new IllegalArgumentException("test splits missing under " + sharedData.resolve("safety"));
        }
        int stride = options.stride();

        // PII.
        List<LabeledText> piiAll = LabeledText.readJsonLines(EvalDatasets.piiTest(sharedData));
        List<LabeledText> piiData = EvalDatasets.every(piiAll, stride);
        PiiEvaluation piiEval = PiiEvaluation.presidio();
        PiiScanner scanner = PiiScanner.builder().build();
        log.accept("pii: " + piiData.size() + " texts");
        PiiEvaluation.Report pii = piiEval.evaluate(scanner, piiData);
        PiiEvaluation.Report piiMini = null;
        if (options.piiEncoder()) {
            try (OnnxEncoder enc = OnnxEncoder.load(PiiTagger.encoderSpec(), encoders.options())) {
                piiMini = piiEval.evaluate(PiiScanner.builder().tagger(PiiTagger.bundledWithEncoder(enc)).build(),
                        piiData);
            }
        }

        TextNormalizer normalizer = TextNormalizer.defaults();
        try (InjectionDetector injection = InjectionDetector.load(encoders, normalizer);
             ToxicityClassifier toxicity = ToxicityClassifier.load(encoders, normalizer)) {
            // Injection: one scoring pass, thresholded exactly as the detector does.
            List<ScreeningDatasets.Sourced> inj = EvalDatasets.every(
                    ScreeningDatasets.injectionEvaluation(sharedData, "test", 1), stride);
            log.accept("injection: " + inj.size() + " texts");
            boolean[] actual = InjectionReport.actual(inj);
            double[] scores = injection.screenAll(inj.stream().map(x -> x.example().text()).toList()).stream()
                    .mapToDouble(InjectionVerdict::score).toArray();
            InjectionReport injMetrics = InjectionReport.of(inj, scores, injection.threshold());
            PrecisionRecallCurve injCurve = PrecisionRecallCurve.of(actual, scores);
            BinaryMetrics chineseMetrics = ScreeningTraining.evaluateChinese(injection, injection.threshold());

            // Toxicity.
            List<LabeledExample> tox = EvalDatasets.every(ScreeningDatasets.toxicity(sharedData, "test"), stride);
            log.accept("toxicity: " + tox.size() + " texts");
            List<Prediction> predictions = toxicity.classifyAll(tox.stream().map(LabeledExample::text).toList());
            List<String> gold = tox.stream().map(LabeledExample::label).toList();
            List<String> predicted = predictions.stream().map(Prediction::topLabel).toList();
            List<ClassScores> perClass = new ArrayList<>();
            double f1Sum = 0;
            for (String label : TOXICITY_LABELS) {
                ClassScores c = classScores(label, gold, predicted, predictions);
                perClass.add(c);
                f1Sum += c.f1();
            }
            double macroF1 = f1Sum / TOXICITY_LABELS.size();
            List<ScreeningDatasets.Sourced> benign = inj.stream()
                    .filter(x -> x.example().label().equals(ScreeningDatasets.NEGATIVE)
                            && ScreeningDatasets.EVALUATION_BENIGN.contains(x.source())).toList();
            ToxicityFalseAlarms falseAlarms = ToxicityFalseAlarms.of(
                    benign.stream().map(ScreeningDatasets.Sourced::source).toList(),
                    toxicity.classifyAll(benign.stream().map(x -> x.example().text()).toList()).stream()
                            .map(Prediction::topLabel).toList());

            // Latency.
            // Latency always draws on the whole PII split (the stride thins the scored examples, not the chunks).
            List<String> chunks = PiiEvaluation.chunks(piiAll.stream().map(LabeledText::text).toList(), CHUNK_BYTES);
            if (chunks.size() > options.latencyMaxChunks()) {
                chunks = chunks.subList(0, options.latencyMaxChunks());
            }
            log.accept("latency: " + chunks.size() + " chunks of >= 1 KB");
            PiiEvaluation.Latency noEnc = PiiEvaluation.latency(scanner, chunks, CHUNK_BYTES, options.latencyRounds());
            Latency without = new Latency(noEnc.chunks(), noEnc.rounds(), noEnc.p50MsPerKb(), noEnc.p99MsPerKb(),
                    noEnc.meanMsPerKb());
            Latency with = timeFullLayer(chunks, Math.max(1, options.latencyRounds() / 5), text -> {
                scanner.scan(text);
                injection.screen(text);
                toxicity.classify(text);
            });
            return new Result(options, pii, piiMini,
                    piiEval.addressConvention(piiData, PiiEvaluation.PRESIDIO_ADDRESS_PARTS),
                    piiInterval(sharedData, piiData, pii), injMetrics, injection.threshold(), inj.size(), injCurve,
                    chineseMetrics, macroF1, tox.size(), perClass, falseAlarms, without, with);
        }
    }

    /**
     * The micro exact F1 interval, resampling the texts by the generator template that wrote them when its
     * templates.txt is beside the split (the Presidio set's is), else text by text.
     */
    static TemplateBootstrap.Interval piiInterval(Path sharedData, List<LabeledText> data, PiiEvaluation.Report pii) {
        Path templates = TemplateGroups.besideData(EvalDatasets.piiTest(sharedData));
        TemplateBootstrap bootstrap = Files.isRegularFile(templates)
                ? TemplateBootstrap.of(TemplateGroups.read(templates).groups(data))
                : TemplateBootstrap.perText(data.size());
        return bootstrap.microF1(pii.microExactPerText());
    }

    /** Macro-F1 per class as {@code ScreeningTraining.macroF1}: F1 = 2TP / (2TP + FP + FN), 0 without a TP. */
    static ClassScores classScores(String label, List<String> gold, List<String> predicted,
                                   List<Prediction> predictions) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        boolean[] actual = new boolean[gold.size()];
        double[] scores = new double[gold.size()];
        for (int i = 0; i < gold.size(); i++) {
            boolean g = gold.get(i).equals(label);
            boolean p = predicted.get(i).equals(label);
            tp += g && p ? 1 : 0;
            fp += !g && p ? 1 : 0;
            fn += g && !p ? 1 : 0;
            actual[i] = g;
            scores[i] = predictions.get(i).probability(label);
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new ClassScores(label, tp + fn, tp + fp, precision, recall, f1, PrecisionRecallCurve.of(actual, scores));
    }

    private static Latency timeFullLayer(List<String> chunks, int rounds, Consumer<String> layer) {
        PiiEvaluation.Latency l = PiiEvaluation.timePerKb(chunks, rounds, layer);
        return new Latency(l.chunks(), l.rounds(), l.p50MsPerKb(), l.p99MsPerKb(), l.meanMsPerKb());
    }

    /** Writes {@code report.md}, {@code injection-pr.png} and {@code toxicity-pr.png} into {@code outDir}. */
    public static void writeReport(Result r, Path outDir) {
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("report.md"), r.markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report under " + outDir, e);
        }
        PrecisionRecallCurve.Point op = r.injectionCurve().at(r.injectionThreshold());
        PrCurvePlot.write(outDir.resolve("injection-pr.png"), "Injection / jailbreak detector, test split",
                List.of(new PrCurvePlot.Series("injection", r.injectionCurve(), op,
                        String.format(Locale.ROOT, "threshold %.3f (P %.2f, R %.2f)", r.injectionThreshold(),
                                op.precision(), op.recall()))), 800, 600);
        List<PrCurvePlot.Series> tox = new ArrayList<>();
        for (ClassScores c : r.toxicity()) {
            PrecisionRecallCurve.Point p = new PrecisionRecallCurve.Point(Double.NaN, 0, 0, c.precision(), c.recall());
            tox.add(new PrCurvePlot.Series(c.label(), c.curve(), p, c.label() + " (top label)"));
        }
        PrCurvePlot.write(outDir.resolve("toxicity-pr.png"), "Toxicity head, one-vs-rest, test split", tox, 800, 600);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
