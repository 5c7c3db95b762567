package dev.tessera.safety.screening;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The share of benign texts the toxicity screen labels hate or offensive, overall and per source (the dataset's
 * name, as {@link ScreeningDatasets#CUAD}): its false alarms on what the services are sent. Training bounds it on dev
 * clauses, the model card and the evaluation report it on test.
 */
public record ToxicityFalseAlarms(double overall, Map<String, Double> bySource) {

    public ToxicityFalseAlarms {
        bySource = Collections.unmodifiableMap(new TreeMap<>(bySource));
    }

    /**
     * @param sources   each text's source
     * @param topLabels each text's top toxicity label, in the order of {@code sources}
     */
    public static ToxicityFalseAlarms of(List<String> sources, List<String> topLabels) {
        if (sources.size() != topLabels.size()) {
            throw new IllegalArgumentException(topLabels.size() + " labels for " + sources.size() + " texts");
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            int[] c = counts.computeIfAbsent(sources.get(i), k -> new int[2]);
            c[0] += ToxicityClassifier.flags(topLabels.get(i)) ? 1 : 0;
            c[1]++;
        }
        Map<String, Double> bySource = new LinkedHashMap<>();
        counts.forEach((source, c) -> bySource.put(source, c[0] / (double) c[1]));
        return new ToxicityFalseAlarms(share(topLabels), bySource);
    }

    /** The share of {@code topLabels} that flag a text (hate, offensive); 0 for none. */
    public static double share(List<String> topLabels) {
        return topLabels.isEmpty() ? 0
                : topLabels.stream().filter(ToxicityClassifier::flags).count() / (double) topLabels.size();
    }
}
