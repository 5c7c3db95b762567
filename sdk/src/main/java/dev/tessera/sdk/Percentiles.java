package dev.tessera.sdk;

/**
 * Nearest-rank percentiles of sorted samples: the smallest sample with at least a share {@code q} of all samples at or
 * below it. Benchmarks and evaluations report their p50 and p99 with this one definition, so figures from different
 * commands compare.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param sorted samples in ascending order, at least one
     * @param q      the share, in (0, 1]: 0.5 for the median, 0.99 for p99
     */
    public static double nearestRank(double[] sorted, double q) {
        return sorted[index(sorted.length, q)];
    }

    /** As {@link #nearestRank(double[], double)}, for samples such as nanosecond timings. */
    public static long nearestRank(long[] sorted, double q) {
        return sorted[index(sorted.length, q)];
    }

    private static int index(int samples, double q) {
        if (samples == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in (0, 1]: " + q);
        }
        return Math.max(0, Math.min(samples - 1, (int) Math.ceil(q * samples) - 1));
    }
}
