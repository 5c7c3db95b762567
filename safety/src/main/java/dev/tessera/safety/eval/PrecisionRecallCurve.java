package dev.tessera.safety.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Precision and recall of a binary screen at every distinct score used as the threshold, with the screen's own
 * rule: an input is flagged when {@code score >= threshold} (as {@code BinaryMetrics.of}). Points run from the
 * highest threshold (fewest flagged) to the lowest, so recall never decreases along the list.
 *
 * @param points    one per distinct score, threshold descending
 * @param positives number of positive examples
 * @param negatives number of negative examples
 */
public record PrecisionRecallCurve(List<Point> points, int positives, int negatives) {

    /** The screen's figures at one threshold. */
    public record Point(double threshold, int truePositives, int falsePositives, double precision, double recall) {
    }

    public PrecisionRecallCurve {
        points = List.copyOf(points);
    }

    public static PrecisionRecallCurve of(boolean[] actual, double[] scores) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(scores, "scores");
        if (actual.length != scores.length) {
            throw new IllegalArgumentException("actual and scores differ in length");
        }
        Integer[] order = new Integer[scores.length];
        int positives = 0;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            positives += actual[i] ? 1 : 0;
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<Point> points = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (actual[i]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[i];
            if (lastOfTie) {
                points.add(new Point(scores[i], tp, fp, (double) tp / (tp + fp),
                        positives == 0 ? 0 : (double) tp / positives));
            }
        }
        return new PrecisionRecallCurve(points, positives, scores.length - positives);
    }

    /**
     * Average precision: the sum over points of (recall gain) x precision, i.e. the area under the step curve
     * (scikit-learn's definition).
     */
    public double averagePrecision() {
        double ap = 0;
        double prevRecall = 0;
        for (Point p : points) {
            ap += (p.recall() - prevRecall) * p.precision();
            prevRecall = p.recall();
        }
        return ap;
    }

    /** The point of the lowest listed threshold that is still {@code >= threshold}: the screen's operating point. */
    public Point at(double threshold) {
        Point best = null;
        for (Point p : points) {
            if (p.threshold() >= threshold) {
                best = p;
            }
        }
        return best != null ? best : new Point(threshold, 0, 0, 0, 0);
    }
}
