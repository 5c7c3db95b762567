package dev.tessera.safety.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.pii.LabeledText;
import dev.tessera.safety.pii.PiiEvaluation;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.safety.pii.TemplateBootstrap;
import dev.tessera.safety.screening.BinaryMetrics;
import dev.tessera.safety.screening.InjectionReport;
import dev.tessera.safety.screening.LabeledExample;
import dev.tessera.safety.screening.ScreeningDatasets;
import dev.tessera.safety.screening.ToxicityFalseAlarms;
import dev.tessera.safety.screening.ScreeningEncoders;
import dev.tessera.sdk.head.HeadType;
import dev.tessera.sdk.head.Prediction;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import dev.tessera.safety.SharedTestData;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyEvaluationTest {

    private static final List<String> REQUIRED =
            List.of("pii_f1", "injection_f1", "injection_fpr", "toxicity_macro_f1", "layer1_p99_ms");

    @Test
    void resultJsonHasTheRequiredKeys(@TempDir Path dir) throws Exception {
        SafetyEvaluation.Result r = syntheticResult();
        String line = r.resultLine();
        assertTrue(line.startsWith("RESULT {"), line);
        assertEquals(1, line.lines().count());
        JsonNode n = new ObjectMapper().readTree(line.substring("RESULT ".length()));
        for (String k : REQUIRED) {
            assertTrue(n.has(k) && n.get(k).isNumber(), "missing numeric " + k + " in " + line);
        }
        assertEquals(r.pii().microExact().f1(), n.get("pii_f1").asDouble(), 1e-4);
        assertEquals(0.5, n.get("injection_fpr").asDouble(), 1e-9);
        assertEquals(9.0, n.get("layer1_p99_ms").asDouble(), 1e-9);
        assertEquals(1.0, n.get("pii_f1_ceiling_one_span_per_address").asDouble(), 1e-9); // no address in the data

        SafetyEvaluation.writeReport(r, dir);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| pii_f1 |"), report);
        assertTrue(report.contains("### What exact spans allow: one span per address"), report);
        assertEquals(0.5, n.get("injection_fpr.cuad_clauses").asDouble(), 1e-9);
        assertEquals(0.5, n.get("injection_recall.jailbreaks").asDouble(), 1e-9);
        assertTrue(report.contains("| legal/cuad_clauses | – | – | – | 0.500 | 0 | 1 | 1 | 0 |"), report);
        assertTrue(report.contains("| safety/jailbreaks | 1.000 | 0.500 | 0.667 | – | 1 | 0 | 0 | 1 |"), report);
        assertEquals(0.5, n.get("toxicity_flagged_benign").asDouble(), 1e-9, "one of the two CUAD texts flagged");
        assertEquals(0.75, n.get("injection_zh_recall").asDouble(), 1e-9, "the Chinese lines: TP 3, FN 1");
        assertEquals(1.0 / 6, n.get("injection_zh_fpr").asDouble(), 1e-4);
        assertTrue(report.contains("| project_zh | 0.750 | 0.750 | 0.750 | 0.167 | 3 | 1 | 5 | 1 |"), report);
        assertEquals(0.5, n.get("toxicity_flagged.cuad_clauses").asDouble(), 1e-9);
        assertTrue(report.contains("labelled hate or offensive: 0.500 overall; legal/cuad_clauses 0.500."), report);
        for (String png : List.of("injection-pr.png", "toxicity-pr.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertEquals(800, img.getWidth());
            assertEquals(600, img.getHeight());
        }
    }

    @Test
    void macroF1MatchesTheScreeningFormula() {
        List<String> gold = List.of("hate", "offensive", "neither", "neither");
        List<String> predicted = List.of("offensive", "offensive", "neither", "hate");
        List<Prediction> p = predicted.stream().map(SafetyEvaluationTest::prediction).toList();
        double[] f1 = SafetyEvaluation.TOXICITY_LABELS.stream()
                .mapToDouble(l -> SafetyEvaluation.classScores(l, gold, predicted, p).f1()).toArray();
        assertEquals(0, f1[0], 1e-12);                 // hate: no TP
        assertEquals(2.0 / 3, f1[1], 1e-12);           // offensive: TP 1, FP 1
        assertEquals(2.0 / 3, f1[2], 1e-12);           // neither: TP 1, FN 1
    }

    /** A small slice (every 25th example) end to end on the real test splits; skipped without ../shared/data. */
    @Test
    void smallSliceEndToEnd(@TempDir Path dir) {
        Path shared = SharedTestData.dir();
        assumeTrue(shared != null && SafetyEvaluation.present(shared),
                "../shared/data/safety test splits not found (set TESSERA_SHARED_DATA): end-to-end slice skipped");
        SafetyEvaluation.Result r;
        try (ScreeningEncoders encoders = ScreeningEncoders.create(InferenceOptions.cpu(), 0)) {
            r = SafetyEvaluation.run(shared, encoders, new SafetyEvaluation.Options(25, 2, 4, false), s -> { });
        }
        try (ScreeningEncoders remembering = ScreeningEncoders.cpu()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafetyEvaluation.run(
                    shared, remembering, new SafetyEvaluation.Options(25, 2, 4, false), s -> { }));
            assertTrue(e.getMessage().contains("recent embeddings"), e.getMessage());
        }
        assertTrue(r.pii().texts() > 10 && r.injectionTexts() > 5 && r.toxicityTexts() > 100, r.table());
        assertTrue(r.pii().microExact().f1() > 0.4, r.table());
        assertEquals(ScreeningDatasets.projectChinese().size(), r.chineseInjection().total(), r.table());
        assertTrue(r.injection().overall().f1() > 0.5, r.table());
        assertTrue(r.toxicityMacroF1() > 0.4, r.table());
        assertTrue(r.layer1WithEncoder().p99MsPerKb() > 0 && r.layer1NoEncoder().p99MsPerKb() > 0, r.table());
        assertEquals(4, r.layer1WithEncoder().chunks());
        PiiEvaluation.AddressConvention c = r.piiAddressConvention();
        assertTrue(c.spansInSplitAddresses() <= c.goldAddressSpans() && c.splitAddresses() <= c.addresses(), r.table());
        SafetyEvaluation.writeReport(r, dir);
        assertTrue(Files.isRegularFile(dir.resolve("injection-pr.png")));
    }

    private static SafetyEvaluation.Result syntheticResult() {
        List<LabeledText> data = List.of(new LabeledText("Mail ann@example.com today",
                List.of(new LabeledText.Span("EMAIL_ADDRESS", 5, 20))));
        PiiEvaluation.Report pii = PiiEvaluation.presidio().evaluate(PiiScanner.builder().build(), data);
        boolean[] actual = {true, true, false, false};
        double[] scores = {0.9, 0.4, 0.7, 0.1};
        PrecisionRecallCurve curve = PrecisionRecallCurve.of(actual, scores);
        List<ScreeningDatasets.Sourced> examples = List.of(
                new ScreeningDatasets.Sourced(ScreeningDatasets.JAILBREAKS, new LabeledExample("a", "1")),
                new ScreeningDatasets.Sourced(ScreeningDatasets.JAILBREAKS, new LabeledExample("b", "1")),
                new ScreeningDatasets.Sourced(ScreeningDatasets.CUAD, new LabeledExample("c", "0")),
                new ScreeningDatasets.Sourced(ScreeningDatasets.CUAD, new LabeledExample("d", "0")));
        InjectionReport m = InjectionReport.of(examples, scores, 0.5);
        List<String> gold = List.of("hate", "offensive", "neither");
        List<Prediction> preds = gold.stream().map(SafetyEvaluationTest::prediction).toList();
        List<SafetyEvaluation.ClassScores> tox = SafetyEvaluation.TOXICITY_LABELS.stream()
                .map(l -> SafetyEvaluation.classScores(l, gold, gold, preds)).toList();
        return new SafetyEvaluation.Result(new SafetyEvaluation.Options(1, 1, 1, false), pii, null,
                PiiEvaluation.presidio().addressConvention(data, PiiEvaluation.PRESIDIO_ADDRESS_PARTS),
                TemplateBootstrap.perText(data.size(), 100, 1).microF1(pii.microExactPerText()), m, 0.5, 4, curve,
                new BinaryMetrics(3, 1, 5, 1), 1.0, 3, tox,
                ToxicityFalseAlarms.of(List.of(ScreeningDatasets.CUAD, ScreeningDatasets.CUAD),
                        List.of("offensive", "neither")),
                new SafetyEvaluation.Latency(1, 1, 1, 2, 1.5),
                new SafetyEvaluation.Latency(1, 1, 5, 9, 6));
    }

    private static Prediction prediction(String top) {
        List<Prediction.LabelScore> s = new java.util.ArrayList<>();
        s.add(new Prediction.LabelScore(top, 0.8));
        for (String l : SafetyEvaluation.TOXICITY_LABELS) {
            if (!l.equals(top)) {
                s.add(new Prediction.LabelScore(l, 0.1));
            }
        }
        return new Prediction(s, HeadType.MULTI_CLASS, false);
    }

}
