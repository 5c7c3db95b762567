package dev.tessera.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankIsTheSmallestSampleWithTheShareAtOrBelowIt() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertEquals(50, Percentiles.nearestRank(hundred, 0.5));
        assertEquals(99, Percentiles.nearestRank(hundred, 0.99));
        assertEquals(100, Percentiles.nearestRank(hundred, 1.0));
        assertEquals(1, Percentiles.nearestRank(hundred, 0.001));
        double[] five = {1.5, 2.5, 3.5, 4.5, 5.5};
        assertEquals(3.5, Percentiles.nearestRank(five, 0.5), "ceil(2.5) = 3rd sample");
        assertEquals(5.5, Percentiles.nearestRank(five, 0.99));
        assertEquals(7.0, Percentiles.nearestRank(new double[] {7.0}, 0.99), "one sample is every percentile");
    }

    @Test
    void noSamplesOrAShareOutsideTheUnitIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new double[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[] {1}, 1.01));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new double[] {1}, Double.NaN));
    }
}
