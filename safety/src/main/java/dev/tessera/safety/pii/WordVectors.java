package dev.tessera.safety.pii;

/**
 * Dense per-word vectors for {@link PiiTagger}'s optional dense features, such as an encoder's contextual token
 * states. A tagger trained with one source must be served with the same source ({@link #name()} is checked).
 */
public interface WordVectors {

    /** Identifies the source (model and pooling); recorded in the tagger model. */
    String name();

    int dimension();

    /**
     * One L2-normalised vector per word span of {@code text} ({@code words[i] = {start, end}}, char offsets, in
     * order); a word the source cannot see gets a zero vector.
     */
    float[][] vectors(String text, int[][] words);

    /**
     * Each word's dense scores {@code weights^T · vector}, for a {@code [dimension][labels]} weight matrix: all a
     * linear model needs from the vectors. The default computes the vectors first; a source that can score words
     * without building them overrides this, and must give the same numbers up to float rounding. The rows are read
     * only: a source may share them between words and calls.
     */
    default float[][] scores(String text, int[][] words, float[] weights, int labels) {
        return project(vectors(text, words), weights, labels);
    }

    /** {@code weights^T · v} for each vector {@code v}, with {@code weights} laid out {@code [dimension][labels]}. */
    static float[][] project(float[][] vectors, float[] weights, int labels) {
        float[][] out = new float[vectors.length][labels];
        for (int i = 0; i < vectors.length; i++) {
            float[] v = vectors[i];
            for (int d = 0; d < v.length; d++) {
                float x = v[d];
                if (x != 0f) {
                    int base = d * labels;
                    for (int y = 0; y < labels; y++) {
                        out[i][y] += x * weights[base + y];
                    }
                }
            }
        }
        return out;
    }
}
