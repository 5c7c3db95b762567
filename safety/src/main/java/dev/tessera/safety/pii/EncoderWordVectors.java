package dev.tessera.safety.pii;

import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.encoder.TokenStates;
import java.util.Objects;

/**
 * Word vectors from an SDK encoder's token states: each word gets the sum of the states of the word pieces that
 * overlap it, L2-normalised (the direction of their mean). Long texts are encoded in windows of {@value #WINDOW_WORDS}
 * words so every word is
 * seen (the encoder's token window would otherwise cut the tail off), at the cost of context across window edges.
 */
public final class EncoderWordVectors implements WordVectors {

    /** Words per encoder call: about 100-150 word pieces for English, inside MiniLM's 128-512 token window. */
    static final int WINDOW_WORDS = 64;

    private final OnnxEncoder encoder;

    /**
     * @param encoder with a token window of at least 256, so a window of words is never cut (see {@code withMaxTokens})
     */
    public EncoderWordVectors(OnnxEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (encoder.maxTokens() < 256) {
            throw new IllegalArgumentException("encoder " + encoder.modelName() + " has a " + encoder.maxTokens()
                    + "-token window; load it with EncoderSpec.withMaxTokens(512)");
        }
    }

    @Override
    public String name() {
        return encoder.modelName() + "/word-mean-l2";
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    @Override
    public float[][] vectors(String text, int[][] words) {
        int dim = encoder.dimension();
        float[][] out = new float[words.length][dim];
        for (int from = 0; from < words.length; from += WINDOW_WORDS) {
            int to = Math.min(words.length, from + WINDOW_WORDS);
            int base = words[from][0];
            TokenStates states = encoder.tokenStates(text.substring(base, words[to - 1][1]));
            int w = from;
            for (int t = 0; t < states.tokens().length; t++) {
                int start = states.offsets()[t][0] + base;
                int end = states.offsets()[t][1] + base;
                if (end <= start) {
                    continue; // [CLS], [SEP], padding
                }
                while (w < to && words[w][1] <= start) {
                    w++;
                }
                // A word piece may straddle words (rare: tokenizer and word rules disagree); credit each it touches.
                for (int k = w; k < to && words[k][0] < end; k++) {
                    float[] row = states.states()[t];
                    for (int d = 0; d < dim; d++) {
                        out[k][d] += row[d];
                    }
                }
            }
            for (int k = from; k < to; k++) {
                normalise(out[k]);
            }
        }
        return out;
    }

    private static void normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < v.length; d++) {
                v[d] *= inv;
            }
        }
    }
}
