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
}
