package dev.tessera.safety.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.safety.eval.PrecisionRecallCurve.Point;
import dev.tessera.safety.screening.BinaryMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecisionRecallCurveTest {

    private static final double EPS = 1e-12;

    @Test
    void exactPointsOnAHandMadeList() {
        // Out of order on purpose; 0.7 is a tie of one positive and one negative.
        double[] scores = {0.2, 0.9, 0.7, 0.8, 0.7, 0.6};
        boolean[] actual = {false, true, true, false, false, true};
        PrecisionRecallCurve c = PrecisionRecallCurve.of(actual, scores);
        assertEquals(3, c.positives());
        assertEquals(3, c.negatives());
        List<Point> expected = List.of(
                new Point(0.9, 1, 0, 1.0, 1.0 / 3),
                new Point(0.8, 1, 1, 0.5, 1.0 / 3),
                new Point(0.7, 2, 2, 0.5, 2.0 / 3),   // both 0.7s flagged together
                new Point(0.6, 3, 2, 0.6, 1.0),
                new Point(0.2, 3, 3, 0.5, 1.0));
        assertEquals(expected.size(), c.points().size(), c.points().toString());
        for (int i = 0; i < expected.size(); i++) {
            Point e = expected.get(i);
            Point a = c.points().get(i);
            assertEquals(e.threshold(), a.threshold(), EPS);
            assertEquals(e.truePositives(), a.truePositives());
            assertEquals(e.falsePositives(), a.falsePositives());
            assertEquals(e.precision(), a.precision(), EPS, "precision at " + e.threshold());
            assertEquals(e.recall(), a.recall(), EPS, "recall at " + e.threshold());
            // Same rule as the screens' own metrics.
            BinaryMetrics m = BinaryMetrics.of(actual, scores, e.threshold());
            assertEquals(m.precision(), a.precision(), EPS);
            assertEquals(m.recall(), a.recall(), EPS);
        }
        // AP = 1/3 * 1 + 1/3 * 0.5 + 1/3 * 0.6
        assertEquals((1 + 0.5 + 0.6) / 3, c.averagePrecision(), EPS);
        assertEquals(0.7, c.at(0.65).threshold(), EPS);
        assertEquals(0.6, c.at(0.6).threshold(), EPS);
        assertEquals(0, c.at(0.95).truePositives());
    }

    @Test
    void perfectSeparationHasApOne() {
        PrecisionRecallCurve c = PrecisionRecallCurve.of(new boolean[]{true, false, true}, new double[]{0.9, 0.1, 0.8});
        assertEquals(1.0, c.averagePrecision(), EPS);
        assertEquals(new Point(0.8, 2, 0, 1.0, 1.0), c.points().get(1));
    }

    @Test
    void rejectsMismatchedInput() {
        assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallCurve.of(new boolean[]{true}, new double[]{0.1, 0.2}));
        assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallCurve.of(new boolean[]{true}, new double[]{Double.NaN}));
    }
}
