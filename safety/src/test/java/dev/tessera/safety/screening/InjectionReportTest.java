package dev.tessera.safety.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectionReportTest {

    private static ScreeningDatasets.Sourced ex(String source, String label) {
        return new ScreeningDatasets.Sourced(source, new LabeledExample("t", label));
    }

    @Test
    void breaksFiguresDownBySourceSoAnEasySourceCannotHideAHardOne() {
        List<ScreeningDatasets.Sourced> examples = List.of(
                ex(ScreeningDatasets.PROMPT_INJECTIONS, "1"), ex(ScreeningDatasets.PROMPT_INJECTIONS, "0"),
                ex(ScreeningDatasets.PROMPT_INJECTIONS, "0"), ex(ScreeningDatasets.JAILBREAKS, "1"),
                ex(ScreeningDatasets.CUAD, "0"), ex(ScreeningDatasets.CUAD, "0"), ex(ScreeningDatasets.CUAD, "0"),
                ex(ScreeningDatasets.CUAD, "0"));
        double[] scores = {0.9, 0.8, 0.1, 0.2, 0.1, 0.1, 0.1, 0.1};
        InjectionReport r = InjectionReport.of(examples, scores, 0.5);

        assertEquals(new BinaryMetrics(1, 1, 5, 1), r.overall());
        assertEquals(1.0 / 6, r.overall().falsePositiveRate(), 1e-12);
        Map<String, Double> m = r.metrics("test.");
        assertEquals(0.5, m.get("test.fpr.prompt_injections"), 1e-12, "the benign prompts alone: 1 of 2 flagged");
        assertEquals(0.0, m.get("test.fpr.cuad_clauses"), 1e-12);
        assertEquals(0.0, m.get("test.recall.jailbreaks"), 1e-12);
        assertEquals(1.0, m.get("test.recall.prompt_injections"), 1e-12);
        assertFalse(m.containsKey("test.recall.cuad_clauses"), "a benign-only source has no recall");
        assertFalse(m.containsKey("test.fpr.jailbreaks"), "a positive-only source has no false-positive rate");
    }

    @Test
    void refusesScoresThatDoNotMatchTheExamples() {
        assertThrows(IllegalArgumentException.class,
                () -> InjectionReport.of(List.of(ex(ScreeningDatasets.CUAD, "0")), new double[2], 0.5));
    }

    @Test
    void thresholdKeepsEachBenignSourceUnderTheBoundOnItsOwn() {
        // Held-out prompts: injections at 0.9 and 0.6; benign prompts at 0.7, 0.1 and 35 at 0.0.
        // At 0.6 both injections are caught and 1 of 37 benign prompts (2.7 %) is flagged, which the prompt bound
        // allows; but the clause at 0.65 is 1 of 10 clauses (10 %), so 0.6 is out and 0.9 is the best left.
        assertEquals(0.9, threshold(0.65), 1e-12);
        assertEquals(0.6, threshold(0.05), 1e-12);
    }

    /** The threshold for the held-out set above plus ten clauses, one scoring {@code loudClause}, nine 0. */
    private static double threshold(double loudClause) {
        List<ScreeningDatasets.Sourced> held = new java.util.ArrayList<>();
        List<Double> scores = new java.util.ArrayList<>();
        held.add(ex("prompts", "1"));
        scores.add(0.9);
        held.add(ex("prompts", "1"));
        scores.add(0.6);
        held.add(ex("prompts", "0"));
        scores.add(0.7);
        held.add(ex("prompts", "0"));
        scores.add(0.1);
        for (int i = 0; i < 35; i++) {
            held.add(ex("prompts", "0"));
            scores.add(0.0);
        }
        for (int i = 0; i < 10; i++) {
            held.add(ex("clauses", "0"));
            scores.add(i == 0 ? loudClause : 0.0);
        }
        return ScreeningTraining.threshold(held, scores.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
