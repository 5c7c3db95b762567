package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.encoder.EncoderSpec;
import org.junit.jupiter.api.Test;

/** Word vectors from MiniLM's input-embedding table, and the tagger that uses them with no encoder pass. */
class StaticVectorTaggerTest {

    private static int[][] words(String text) {
        Tokens t = Tokens.of(text);
        int[][] words = new int[t.size()][];
        for (int i = 0; i < words.length; i++) {
            words[i] = new int[] {t.start(i), t.end(i)};
        }
        return words;
    }

    @Test
    void oneUnitVectorPerWordAndTheSameWordAlwaysGetsTheSameVector() {
        StaticWordVectors vectors = StaticWordVectors.allMiniLmL6V2();
        assertEquals(384, vectors.dimension());
        assertEquals("all-minilm-l6-v2/input-embeddings-l2", vectors.name());
        String text = "Ann met Bob. Later, Ann met Szöllösy again";
        int[][] words = words(text);
        float[][] v = vectors.vectors(text, words);
        assertEquals(words.length, v.length);
        for (float[] row : v) {
            double norm = 0;
            for (float x : row) {
                norm += x * x;
            }
            assertEquals(1.0, norm, 1e-3, "a word split into several pieces is normalised too");
        }
        assertArrayEquals(v[0], v[6], "no context: 'Ann' is 'Ann' wherever it stands");
        assertEquals(0, vectors.vectors("", new int[0][]).length);
    }

    @Test
    void scansWithTheStaticVectorTagger() {
        PiiTagger tagger = PiiTagger.bundledWithStaticVectors();
        assertEquals(StaticWordVectors.allMiniLmL6V2().name() + " x3.0", tagger.provenance().get("word_vectors"));
        Fixtures.assertFindsNameAndCard(tagger);
    }

    @Test
    void aModelWithoutTheTableIsATypedLoadError() {
        // The quantized MiniLM keeps its embedding table as int8 behind a DequantizeLinear node, not as fp32.
        assertThrows(ModelLoadException.class, () -> StaticWordVectors.load(EncoderSpec.allMiniLmL6V2Quantized()));
    }
}
