package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.encoder.EncoderSpec;
import java.util.List;
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
        assertEquals("all-minilm-l6-v2/input-embeddings-per-word-l2", vectors.name());
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
    void scoresWithoutVectorsMatchScoresFromVectors() {
        StaticWordVectors vectors = StaticWordVectors.allMiniLmL6V2();
        WordVectors viaVectors = new WordVectors() {
            @Override
            public String name() {
                return vectors.name();
            }

            @Override
            public int dimension() {
                return vectors.dimension();
            }

            @Override
            public float[][] vectors(String text, int[][] words) {
                return vectors.vectors(text, words);
            }
        };
        int labels = 5;
        float[] weights = new float[vectors.dimension() * labels];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        // "北京市朝阳区张三李四" is one word of ten pieces: its length is summed, not built from pairwise products.
        String text = "Krisztián Szöllösy lives at 12 Oak Lane, 北京市朝阳区张三李四 client_ip ΠΑΦΟΣ, and Ann.";
        float[][] fast = vectors.scores(text, words(text), weights, labels);
        float[][] slow = viaVectors.scores(text, words(text), weights, labels);
        assertEquals(slow.length, fast.length);
        for (int i = 0; i < fast.length; i++) {
            assertArrayEquals(slow[i], fast[i], 1e-3f, "word " + i);
        }
        assertEquals(List.of(1170, 14608, 29736, 29730, 29733), java.util.Arrays.stream(vectors.pieces("ΠΑΦΟΣ")).boxed()
                .toList(), "the tokenizer's own pieces: no final sigma, accents stripped");
    }

    @Test
    void scansWithTheStaticVectorTagger() {
        PiiTagger tagger = PiiTagger.bundledWithStaticVectors();
        assertEquals(StaticWordVectors.allMiniLmL6V2().name() + " x3.0", tagger.provenance().get("word_vectors"));
        Fixtures.assertFindsNameAndCard(tagger);
    }

    @Test
    void aLetterHeadAddressIsLabelledByLineAnInlineOneAsAWhole() {
        // The training data's two conventions, which the tagger tells apart by layout (TaggerFeatures block leads).
        PiiScanner scanner = PiiScanner.builder().tagger(PiiTagger.bundledWithStaticVectors()).build();
        String letter = "Ola Nordmann\n\n812 Storgata 14\n Apt. 210\n Lillehammer\n\n Norway 26410";
        List<String> parts = Fixtures.describe(letter, scanner.find(letter));
        assertTrue(parts.contains("STREET_ADDRESS:Apt. 210"), parts::toString);
        assertTrue(parts.stream().noneMatch(p -> p.contains("Lillehammer")), "the city line is no street: " + parts);
        String inline = "Please send it to 812 Storgata 14\n Apt. 210\n Lillehammer\n Norway 26410";
        assertEquals(List.of("STREET_ADDRESS:812 Storgata 14\n Apt. 210\n Lillehammer\n Norway 26410"),
                Fixtures.describe(inline, scanner.find(inline)));
    }

    @Test
    void aModelWithoutAnFp32TableIsATypedLoadError() {
        // The quantized MiniLM keeps its embedding table as int8 behind a DequantizeLinear node, not as fp32.
        assertThrows(ModelLoadException.class, () -> StaticWordVectors.load(EncoderSpec.allMiniLmL6V2Quantized()));
    }
}
