package dev.tessera.sdk.learning;

import dev.tessera.sdk.head.LinearHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a retrained head may replace the served one. The candidate must not be worse than the current
 * version beyond a tolerance on the validation set, on the frozen forgetting set, and on every class slice of the
 * validation set with enough support. Being better is not required: a round that only fixes the corrected inputs
 * (which the validation set does not contain) is a success.
 *
 * @param validationTolerance largest allowed drop in validation accuracy (0.01 = one point)
 * @param forgettingTolerance largest allowed drop in accuracy on the forgetting set
 * @param sliceTolerance      largest allowed drop in one class's validation recall
 * @param minSliceSupport     classes with fewer validation examples are not judged on their own
 */
public record PromotionGate(double validationTolerance, double forgettingTolerance, double sliceTolerance,
                            int minSliceSupport) {

    public static final String VALIDATION_ACCURACY = "validation_accuracy";
    public static final String FORGETTING_ACCURACY = "forgetting_accuracy";
    public static final String RECALL_PREFIX = "validation_recall.";

    public PromotionGate {
        for (double t : new double[] {validationTolerance, forgettingTolerance, sliceTolerance}) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("tolerances must be in [0, 1]");
            }
        }
        if (minSliceSupport < 1) {
            throw new IllegalArgumentException("minSliceSupport must be >= 1");
        }
    }

    /** One point on validation and forgetting accuracy, five points per class slice, slices of 10 or more. */
    public static PromotionGate defaults() {
        return new PromotionGate(0.01, 0.01, 0.05, 10);
    }

    /**
     * @param promoted         whether the candidate may be served
     * @param reasons          for a rejection, each failed criterion with its numbers
     * @param currentMetrics   the served version's figures
     * @param candidateMetrics the candidate's figures
     */
    public record Report(boolean promoted, List<String> reasons, Map<String, Double> currentMetrics,
                         Map<String, Double> candidateMetrics) {
        public Report {
            reasons = List.copyOf(reasons);
            currentMetrics = Map.copyOf(currentMetrics);
            candidateMetrics = Map.copyOf(candidateMetrics);
        }
    }

    public Report judge(LinearHead current, LinearHead candidate, ExampleSet validation, ExampleSet forgetting) {
        Map<String, Double> now = metrics(current, validation, forgetting);
        Map<String, Double> next = metrics(candidate, validation, forgetting);
        List<String> reasons = new ArrayList<>();
        check(reasons, VALIDATION_ACCURACY, now, next, validationTolerance);
        check(reasons, FORGETTING_ACCURACY, now, next, forgettingTolerance);
        int[] support = support(validation);
        for (int c = 0; c < support.length; c++) {
            if (support[c] >= minSliceSupport) {
                check(reasons, RECALL_PREFIX + validation.labels().get(c), now, next, sliceTolerance);
            }
        }
        return new Report(reasons.isEmpty(), reasons, now, next);
    }

    /** Accuracy on both sets and per-class recall on the validation set. */
    public static Map<String, Double> metrics(LinearHead head, ExampleSet validation, ExampleSet forgetting) {
        Map<String, Double> m = new LinkedHashMap<>();
        int[] support = support(validation);
        int[] hits = new int[support.length];
        int correct = 0;
        for (int i = 0; i < validation.size(); i++) {
            if (argmax(head.scores(validation.vector(i))) == validation.target(i)) {
                correct++;
                hits[validation.target(i)]++;
            }
        }
        m.put(VALIDATION_ACCURACY, validation.size() == 0 ? 1.0 : (double) correct / validation.size());
        m.put(FORGETTING_ACCURACY, accuracy(head, forgetting));
        for (int c = 0; c < support.length; c++) {
            if (support[c] > 0) {
                m.put(RECALL_PREFIX + validation.labels().get(c), (double) hits[c] / support[c]);
            }
        }
        return m;
    }

    public static double accuracy(LinearHead head, ExampleSet set) {
        if (set.size() == 0) {
            return 1.0;
        }
        int correct = 0;
        for (int i = 0; i < set.size(); i++) {
            if (argmax(head.scores(set.vector(i))) == set.target(i)) {
                correct++;
            }
        }
        return (double) correct / set.size();
    }

    static int argmax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] support(ExampleSet set) {
        int[] s = new int[set.labels().size()];
        for (int i = 0; i < set.size(); i++) {
            s[set.target(i)]++;
        }
        return s;
    }

    private static void check(List<String> reasons, String metric, Map<String, Double> now, Map<String, Double> next,
                              double tolerance) {
        double before = now.getOrDefault(metric, 1.0);
        double after = next.getOrDefault(metric, 1.0);
        if (after < before - tolerance - 1e-12) {
            reasons.add(String.format(java.util.Locale.ROOT, "%s fell from %.4f to %.4f (tolerance %.4f)",
                    metric, before, after, tolerance));
        }
    }
}
