package dev.tessera.safety.pii;

import dev.tessera.sdk.Percentiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Confidence intervals for micro F1 on a set whose texts come in clusters, such as the texts one generator template
 * wrote. A template's wording is in every text it wrote, so their errors go together: one capitalised word in a
 * template can make a false person in all of its texts. Resampling texts one by one would treat them as independent
 * and understate the spread; this resamples whole clusters with replacement (a cluster bootstrap) and reads the
 * interval off the percentiles of the resampled F1s.
 *
 * <p>Immutable; a fixed seed gives the same interval on every run.
 */
public final class TemplateBootstrap {

    /** Resamples used unless a caller asks for another number. */
    public static final int DEFAULT_RESAMPLES = 2_000;
    /** The evaluations' resampling seed, fixed so that two runs over the same findings give the same intervals. */
    public static final long DEFAULT_SEED = 20_261_124L;
    /** Two-sided coverage of the intervals. */
    public static final double LEVEL = 0.95;

    private final int[][] clusters;
    private final int texts;
    private final int resamples;
    private final long seed;

    private TemplateBootstrap(int[][] clusters, int texts, int resamples, long seed) {
        this.clusters = clusters;
        this.texts = texts;
        this.resamples = resamples;
        this.seed = seed;
    }

    /**
     * @param clusterOfText for each text, in data order, an id of its cluster (any ints; equal ids share a cluster,
     *                      as {@link TemplateGroups#groups} gives them)
     * @param resamples     bootstrap resamples, 100 to 100,000
     * @param seed          the resampling seed
     */
    public static TemplateBootstrap of(int[] clusterOfText, int resamples, long seed) {
        Objects.requireNonNull(clusterOfText, "clusterOfText");
        if (clusterOfText.length == 0) {
            throw new IllegalArgumentException("no texts to resample");
        }
        if (resamples < 100 || resamples > 100_000) {
            throw new IllegalArgumentException("resamples must be 100..100000: " + resamples);
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < clusterOfText.length; i++) {
            members.computeIfAbsent(clusterOfText[i], k -> new ArrayList<>()).add(i);
        }
        int[][] clusters = members.values().stream()
                .map(m -> m.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        return new TemplateBootstrap(clusters, clusterOfText.length, resamples, seed);
    }

    /** {@link #of(int[], int, long)} with {@link #DEFAULT_RESAMPLES} and {@link #DEFAULT_SEED}. */
    public static TemplateBootstrap of(int[] clusterOfText) {
        return of(clusterOfText, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /** {@link #perText(int, int, long)} with {@link #DEFAULT_RESAMPLES} and {@link #DEFAULT_SEED}. */
    public static TemplateBootstrap perText(int texts) {
        return perText(texts, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /** Each text a cluster of its own: the ordinary bootstrap, for data without templates. */
    public static TemplateBootstrap perText(int texts, int resamples, long seed) {
        int[] ids = new int[texts];
        Arrays.setAll(ids, i -> i);
        return of(ids, resamples, seed);
    }

    public int clusters() {
        return clusters.length;
    }

    /** A figure of the whole set with its {@value #LEVEL} interval, from resampling this many clusters. */
    public record Interval(double estimate, double low, double high, int clusters) {

        /** {@code [low, high]} rounded to four places, for a RESULT line. */
        public List<Double> bounds() {
            return List.of(PiiEvaluation.round(low), PiiEvaluation.round(high));
        }
    }

    /** The interval of micro F1 from each text's counts ({@link PiiEvaluation.Report#microExactPerText}). */
    public Interval microF1(List<PiiEvaluation.Scores> perText) {
        return interval(sums -> sums[0].f1(), clusterCounts(perText));
    }

    /**
     * The interval of {@code F1(candidate) - F1(baseline)} over the same texts, both resampled with the same clusters
     * each time (a paired bootstrap): an interval that holds 0 means the set cannot tell the two apart.
     */
    public Interval difference(List<PiiEvaluation.Scores> baseline, List<PiiEvaluation.Scores> candidate) {
        return interval(sums -> sums[1].f1() - sums[0].f1(), clusterCounts(baseline), clusterCounts(candidate));
    }

    /**
     * {@code statistic} of the whole set's counts, and its interval over resamples: each draws as many clusters as
     * there are, with replacement, and sums every series' counts over the same draw.
     */
    private Interval interval(ToDoubleFunction<PiiEvaluation.Scores[]> statistic, PiiEvaluation.Scores[]... series) {
        double[] resampled = new double[resamples];
        SplittableRandom random = new SplittableRandom(seed);
        PiiEvaluation.Scores[] sums = new PiiEvaluation.Scores[series.length];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(sums, PiiEvaluation.Scores.NONE);
            for (int k = 0; k < clusters.length; k++) {
                int c = random.nextInt(clusters.length);
                for (int s = 0; s < series.length; s++) {
                    sums[s] = sums[s].plus(series[s][c]);
                }
            }
            resampled[r] = statistic.applyAsDouble(sums);
        }
        Arrays.sort(resampled);
        for (int s = 0; s < series.length; s++) {
            sums[s] = Arrays.stream(series[s]).reduce(PiiEvaluation.Scores.NONE, PiiEvaluation.Scores::plus);
        }
        double tail = (1 - LEVEL) / 2;
        return new Interval(statistic.applyAsDouble(sums), Percentiles.nearestRank(resampled, tail),
                Percentiles.nearestRank(resampled, 1 - tail), clusters.length);
    }

    private PiiEvaluation.Scores[] clusterCounts(List<PiiEvaluation.Scores> perText) {
        if (perText.size() != texts) {
            throw new IllegalArgumentException("counts for " + perText.size() + " texts, clusters for " + texts);
        }
        PiiEvaluation.Scores[] out = new PiiEvaluation.Scores[clusters.length];
        for (int c = 0; c < clusters.length; c++) {
            PiiEvaluation.Scores sum = PiiEvaluation.Scores.NONE;
            for (int i : clusters[c]) {
                sum = sum.plus(perText.get(i));
            }
            out[c] = sum;
        }
        return out;
    }
}
