package dev.tessera.safety.screening;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Injection-screen figures on one evaluation set, overall and per source dataset: a benign-only source yields its
 * false-positive rate, a positive-only source its recall, so a good overall figure cannot hide a bad source.
 */
public record InjectionReport(BinaryMetrics overall, Map<String, BinaryMetrics> bySource) {

    public InjectionReport {
        // Sorted by source, so RESULT lines and reports of different runs list sources in the same order.
        bySource = Collections.unmodifiableMap(new TreeMap<>(bySource));
    }

    /** Thresholds {@code scores} (one per example, in order) at {@code threshold}. */
    public static InjectionReport of(List<ScreeningDatasets.Sourced> examples, double[] scores, double threshold) {
        if (examples.size() != scores.length) {
            throw new IllegalArgumentException(examples.size() + " examples but " + scores.length + " scores");
        }
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            rows.computeIfAbsent(examples.get(i).source(), s -> new ArrayList<>()).add(i);
        }
        Map<String, BinaryMetrics> bySource = new LinkedHashMap<>();
        rows.forEach((source, indices) -> {
            boolean[] actual = new boolean[indices.size()];
            double[] s = new double[indices.size()];
            for (int j = 0; j < actual.length; j++) {
                actual[j] = isPositive(examples.get(indices.get(j)));
                s[j] = scores[indices.get(j)];
            }
            bySource.put(source, BinaryMetrics.of(actual, s, threshold));
        });
        return new InjectionReport(BinaryMetrics.of(actual(examples), scores, threshold), bySource);
    }

    /** Which examples are injections, in order. */
    public static boolean[] actual(List<ScreeningDatasets.Sourced> examples) {
        boolean[] a = new boolean[examples.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = isPositive(examples.get(i));
        }
        return a;
    }

    private static boolean isPositive(ScreeningDatasets.Sourced s) {
        return s.example().label().equals(ScreeningDatasets.POSITIVE);
    }

    /** The overall figures, then {@link #sourceMetrics}. */
    public Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = overall.metrics(prefix);
        m.putAll(sourceMetrics(prefix));
        return m;
    }

    /**
     * Per source, the false-positive rate where it has benign texts and the recall where it has injections, keyed
     * {@code <prefix>fpr.<source>} / {@code <prefix>recall.<source>} (source without its folder).
     */
    public Map<String, Double> sourceMetrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        bySource.forEach((source, b) -> {
            String name = source.substring(source.lastIndexOf('/') + 1);
            if (b.hasNegatives()) {
                m.put(prefix + "fpr." + name, b.falsePositiveRate());
            }
            if (b.hasPositives()) {
                m.put(prefix + "recall." + name, b.recall());
            }
        });
        return m;
    }
}
