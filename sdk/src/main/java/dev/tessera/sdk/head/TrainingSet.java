package dev.tessera.sdk.head;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Feature vectors with their labels, over a fixed, ordered label space.
 *
 * @param labelSpace  every label the head will know, in output order
 * @param features    one vector per example, all the same size
 * @param labels      per example, the indices (into labelSpace) of its labels; exactly one for multi-class
 * @param description what the data is (name, split, license), recorded in the head's provenance
 */
public record TrainingSet(List<String> labelSpace, float[][] features, int[][] labels, String description) {

    public TrainingSet {
        labelSpace = List.copyOf(labelSpace);
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(description, "description");
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + labels.length + " label rows");
        }
        if (features.length == 0) {
            throw new IllegalArgumentException("training set is empty");
        }
        int dim = features[0].length;
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != dim) {
                throw new IllegalArgumentException("example " + i + " has " + features[i].length
                        + " features, expected " + dim);
            }
            for (int l : labels[i]) {
                if (l < 0 || l >= labelSpace.size()) {
                    throw new IllegalArgumentException("example " + i + " has label index " + l + " outside the label space");
                }
            }
        }
    }

    public int size() {
        return features.length;
    }

    public int dimension() {
        return features[0].length;
    }

    public static Builder builder(String description) {
        return new Builder(description);
    }

    /** Collects examples with label names; the label space is the labels seen, in first-seen order, unless fixed. */
    public static final class Builder {
        private final String description;
        private final Set<String> labelSpace = new LinkedHashSet<>();
        private final List<float[]> features = new ArrayList<>();
        private final List<List<String>> labels = new ArrayList<>();

        private Builder(String description) {
            this.description = description;
        }

        /** Fixes the label order (labels without examples are kept too). */
        public Builder labelSpace(List<String> space) {
            labelSpace.addAll(space);
            return this;
        }

        public Builder add(float[] x, String... exampleLabels) {
            return add(x, List.of(exampleLabels));
        }

        public Builder add(float[] x, List<String> exampleLabels) {
            features.add(x);
            labels.add(List.copyOf(exampleLabels));
            labelSpace.addAll(exampleLabels);
            return this;
        }

        public TrainingSet build() {
            List<String> space = new ArrayList<>(labelSpace);
            int[][] idx = new int[labels.size()][];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = labels.get(i).stream().mapToInt(space::indexOf).toArray();
            }
            return new TrainingSet(space, features.toArray(new float[0][]), idx, description);
        }
    }
}
