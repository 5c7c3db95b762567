package dev.tessera.safety.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.head.HeadType;
import dev.tessera.sdk.head.Prediction;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScopeEvaluationTest {

    private static final List<String> LABELS = List.of("legal", "medical", "finance", "out_of_scope");

    /** A head that answers each text with fixed probabilities in LABELS order. */
    private static Function<String, Prediction> head(Map<String, float[]> byText) {
        return text -> Prediction.of(LABELS, byText.get(text), HeadType.MULTI_CLASS, false);
    }

    @Test
    void countsWhatTheServicesRefusalRuleMakesOfEachPrediction() {
        List<LabeledExample> requests = List.of(
                new LabeledExample("clause", "legal"),
                new LabeledExample("sanctions", "finance"),
                new LabeledExample("合同", "legal"),
                new LabeledExample("poem", "out_of_scope"),
                new LabeledExample("router", "out_of_scope"));
        ScopeEvaluation.Report r = ScopeEvaluation.evaluate(head(Map.of(
                "clause", new float[] {0.9f, 0.05f, 0.03f, 0.02f},
                "sanctions", new float[] {0.93f, 0.0f, 0.05f, 0.02f},
                "合同", new float[] {0.4f, 0.1f, 0.45f, 0.05f},
                "poem", new float[] {0.02f, 0.03f, 0.05f, 0.9f},
                "router", new float[] {0.1f, 0.12f, 0.18f, 0.6f})), requests, 0.1);

        assertEquals(5, r.requests());
        assertEquals(3, r.correct(), "clause, poem and router are labelled right");
        assertEquals(1, r.chinese());
        assertEquals(0, r.correctChinese());
        assertEquals(0.75, r.accuracyEnglish(), 1e-12);
        assertEquals(3, r.inDomain());
        assertEquals(1, r.refused(), "finance gets 0.05 < 0.1; 合同 is mislabelled but legal keeps 0.4");
        assertEquals(3, r.offTopicTaken(), "every service would take 'router' (each at least 0.1)");
        assertEquals(0.5, r.offTopicTakenRate(), 1e-12);
        assertEquals(List.of("sanctions", "合同", "router"),
                r.misses().stream().map(m -> m.request().text()).toList());
        assertTrue(r.misses().get(0).refused());
        assertFalse(r.misses().get(1).refused());
        assertEquals(3, r.misses().get(2).servicesTaking());
    }

    @Test
    void rejectsABadRuleOrSplit() {
        Function<String, Prediction> any = head(Map.of());
        assertThrows(IllegalArgumentException.class, () -> ScopeEvaluation.evaluate(any, List.of(), 1.5));
        assertThrows(IllegalArgumentException.class, () -> ScopeEvaluation.evaluate(any, List.of(), Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScopeEvaluation.Split.of("train"));
        assertTrue(e.getMessage().contains("dev or test"), e.getMessage());
    }

    @Test
    void evaluationRequestsAreBalancedAndNeverTrainingLines() {
        Set<String> training = ShippedModels.examples(ShippedModels.SCOPE_EXAMPLES).stream()
                .map(ScopeEvaluationTest::key).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        for (ScopeEvaluation.Split split : ScopeEvaluation.Split.values()) {
            List<LabeledExample> requests = ScopeEvaluation.requests(split);
            Map<String, Long> perLabel = requests.stream()
                    .collect(Collectors.groupingBy(LabeledExample::label, Collectors.counting()));
            assertEquals(Map.of("legal", 20L, "medical", 20L, "finance", 20L, "out_of_scope", 20L), perLabel,
                    split.name());
            for (LabeledExample r : requests) {
                Scope.ofLabel(r.label());
                assertFalse(training.contains(key(r)), "a training line in " + split + ": " + r.text());
                assertTrue(seen.add(key(r)), "in both splits or twice: " + r.text());
            }
        }
    }

    /** Case, spacing and closing punctuation do not make a line new. */
    private static String key(LabeledExample e) {
        return e.text().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s?？.。!！]+", "");
    }
}
