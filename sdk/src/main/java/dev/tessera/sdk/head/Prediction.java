package dev.tessera.sdk.head;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A head's output for one text.
 *
 * @param scores    every label with its probability, highest first
 * @param type      multi-class (probabilities sum to 1) or multi-label (independent probabilities)
 * @param truncated the text was longer than the encoder's window and only its start was classified
 */
public record Prediction(List<LabelScore> scores, HeadType type, boolean truncated) {

    public record LabelScore(String label, double probability) {
    }

    public Prediction {
        scores = List.copyOf(scores);
    }

    public static Prediction of(List<String> labels, float[] probabilities, HeadType type, boolean truncated) {
        List<LabelScore> s = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            s.add(new LabelScore(labels.get(i), probabilities[i]));
        }
        s.sort(Comparator.comparingDouble(LabelScore::probability).reversed());
        return new Prediction(s, type, truncated);
    }

    public String topLabel() {
        return scores.get(0).label();
    }

    public double topProbability() {
        return scores.get(0).probability();
    }

    /** Labels whose probability reaches {@code threshold} (the decision rule for multi-label heads). */
    public List<String> labelsAbove(double threshold) {
        return scores.stream().filter(s -> s.probability() >= threshold).map(LabelScore::label).toList();
    }

    public double probability(String label) {
        return scores.stream().filter(s -> s.label().equals(label)).mapToDouble(LabelScore::probability)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown label '" + label + "'"));
    }
}
