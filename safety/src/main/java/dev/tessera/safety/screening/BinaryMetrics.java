package dev.tessera.safety.screening;

import java.util.LinkedHashMap;
import java.util.Map;

/** Confusion counts of a binary screen, positive = flagged. */
public record BinaryMetrics(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {

    public static BinaryMetrics of(boolean[] actual, double[] scores, double threshold) {
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < actual.length; i++) {
            boolean flagged = scores[i] >= threshold;
            if (flagged && actual[i]) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (actual[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new BinaryMetrics(tp, fp, tn, fn);
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Whether there were injections to find: recall and F1 mean something only then. */
    public boolean hasPositives() {
        return truePositives + falseNegatives > 0;
    }

    /** Whether there were benign texts: the false-positive rate means something only then. */
    public boolean hasNegatives() {
        return falsePositives + trueNegatives > 0;
    }

    /** Share of negatives flagged. */
    public double falsePositiveRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    /** Texts counted. */
    public int total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    /** Precision, recall, F1 and false-positive rate, keyed {@code <prefix>precision} and so on. */
    public Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "precision", precision());
        m.put(prefix + "recall", recall());
        m.put(prefix + "f1", f1());
        m.put(prefix + "fpr", falsePositiveRate());
        return m;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
