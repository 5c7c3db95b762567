package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.encoder.OnnxEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MiniLM-backed tagger: word vectors from the SDK encoder, and a scan through it. One encoder load for the class.
 */
class EncoderTaggerTest {

    private static OnnxEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = OnnxEncoder.load(PiiTagger.encoderSpec());
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void wordVectorsAreUnitLengthOnePerWordAcrossWindows() {
        EncoderWordVectors vectors = new EncoderWordVectors(encoder);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            b.append("word").append(i).append(' ');
        }
        String text = b.toString();
        Tokens t = Tokens.of(text);
        int[][] words = new int[t.size()][];
        for (int i = 0; i < words.length; i++) {
            words[i] = new int[] {t.start(i), t.end(i)};
        }
        float[][] v = vectors.vectors(text, words);
        assertEquals(150, v.length, "more words than one encoder window");
        for (float[] row : v) {
            double norm = 0;
            for (float x : row) {
                norm += x * x;
            }
            assertEquals(1.0, norm, 1e-3);
        }
    }

    @Test
    void scansWithTheEncoderTagger() {
        Fixtures.assertFindsNameAndCard(PiiTagger.bundledWithEncoder(encoder));
    }

    @Test
    void aDenseModelRefusesToRunWithoutItsVectors() {
        PiiTagger dense = PiiTagger.load(PiiTagger.class.getResourceAsStream(PiiTagger.ENCODER_RESOURCE), "minilm");
        assertTrue(dense.needsVectors());
        assertThrows(IllegalStateException.class, () -> dense.tag("Ann Lee"));
        try (OnnxEncoder shortWindow = OnnxEncoder.load(dev.tessera.sdk.encoder.EncoderSpec.allMiniLmL6V2Quantized())) {
            assertThrows(IllegalArgumentException.class, () -> new EncoderWordVectors(shortWindow));
        }
    }
}
