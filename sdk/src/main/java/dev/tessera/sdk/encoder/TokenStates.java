package dev.tessera.sdk.encoder;

/**
 * Per-token hidden states for token-level heads (e.g. a name tagger).
 *
 * @param tokens  the tokenizer's token strings, [CLS] … [SEP]
 * @param offsets character span [start, end) of each token in the input text; special tokens have [0, 0)
 * @param states  one row of {@code dimension} floats per token
 */
public record TokenStates(String[] tokens, int[][] offsets, float[][] states, boolean truncated) {
}
