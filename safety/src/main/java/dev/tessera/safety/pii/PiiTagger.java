package dev.tessera.safety.pii;

import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A linear-chain tagger (BIO labels, Viterbi decoding) over hashed sparse {@link TaggerFeatures} and, optionally,
 * dense {@link WordVectors} from an encoder: the learned part of the PERSON and STREET_ADDRESS recognizers.
 * Trained by {@link PiiTaggerTrainer}. Immutable and thread-safe.
 *
 * <p>Two models ship: {@link #bundled()} needs nothing but the JVM (well under a millisecond per kilobyte, so it
 * stays inside layer 1's budget); {@link #bundledWithEncoder(OnnxEncoder)} adds all-MiniLM-L6-v2 token states, which
 * know far more names, at the cost of an encoder pass per text.
 *
 * <p>The PERSON and STREET_ADDRESS recognizers share one tagger; it remembers its last result per thread, so one
 * scan tags (and encodes) the text once.
 */
public final class PiiTagger {

    /**
     * The entity the shipped taggers give places and groups (cities, countries, nationalities): not screened, but it
     * keeps a town out of a street or a person, and tells an address where it ends.
     */
    public static final String PLACE_OR_GROUP = "PLACE_OR_GROUP";

    static final String SPARSE_RESOURCE = "pii-tagger.bin";
    static final String ENCODER_RESOURCE = "pii-tagger-minilm.bin";
    static final String STATIC_RESOURCE = "pii-tagger-minilm-static.bin";

    private static final String MAGIC = "tessera-pii-tagger/2";
    private static final float NEG = Float.NEGATIVE_INFINITY;

    private final List<String> entities;
    private final int bucketBits;
    private final int labels;
    private final float[] weights;
    private final float[] transitions;
    /** Dense weights, [dimension][labels], or null for a sparse-only model. */
    private final float[] denseWeights;
    private final String vectorsName;
    private final Map<String, String> provenance;
    private final TaggerFeatures features;
    private final WordVectors vectors;
    private final ThreadLocal<Memo> memo = new ThreadLocal<>();

    PiiTagger(List<String> entities, int bucketBits, float[] weights, float[] transitions, float[] denseWeights,
              String vectorsName, Map<String, String> provenance, WordVectors vectors) {
        this.entities = List.copyOf(entities);
        this.bucketBits = bucketBits;
        this.labels = 1 + 2 * entities.size();
        if (weights.length != (1 << bucketBits) * labels || transitions.length != (labels + 1) * labels
                || (denseWeights != null && denseWeights.length % labels != 0)) {
            throw new IllegalArgumentException("weights do not fit " + labels + " labels and " + bucketBits
                    + " bucket bits");
        }
        this.weights = weights;
        this.transitions = transitions;
        this.denseWeights = denseWeights;
        this.vectorsName = vectorsName;
        this.provenance = Map.copyOf(provenance);
        this.features = new TaggerFeatures(bucketBits);
        this.vectors = vectors;
        if (denseWeights != null && vectors != null && (!vectors.name().equals(vectorsName)
                || vectors.dimension() * labels != denseWeights.length)) {
            throw new IllegalArgumentException("model was trained on " + vectorsName + " vectors, given "
                    + vectors.name() + " (" + vectors.dimension() + " dims)");
        }
    }

    /** A labelled span: an entity name from {@link #entities()} and char offsets into the tagged text. */
    public record Span(String entity, int start, int end) {
    }

    private record Memo(WeakReference<String> text, List<Span> spans) {
    }

    private static final class Bundled {
        static final PiiTagger SPARSE = load(PiiTagger.class.getResourceAsStream(SPARSE_RESOURCE), SPARSE_RESOURCE);
    }

    private static final class BundledStatic {
        static final PiiTagger MODEL = load(PiiTagger.class.getResourceAsStream(STATIC_RESOURCE), STATIC_RESOURCE)
                .withVectors(StaticWordVectors.allMiniLmL6V2());
    }

    /** The bundled sparse model: no encoder, no native runtime. Loaded once. */
    public static PiiTagger bundled() {
        return Bundled.SPARSE;
    }

    /**
     * The bundled model with all-MiniLM-L6-v2 features, served by {@code encoder} (fp32 all-MiniLM-L6-v2 with a
     * token window of at least 256: {@code OnnxEncoder.load(EncoderSpec.allMiniLmL6V2().withMaxTokens(512))}).
     */
    public static PiiTagger bundledWithEncoder(OnnxEncoder encoder) {
        return load(PiiTagger.class.getResourceAsStream(ENCODER_RESOURCE), ENCODER_RESOURCE)
                .withVectors(new EncoderWordVectors(encoder));
    }

    /**
     * The bundled model with all-MiniLM-L6-v2's input-embedding table as word vectors
     * ({@link StaticWordVectors#allMiniLmL6V2()}), {@link PiiScanner}'s default: no encoder pass and no native code,
     * a scan about 0.3 ms per KB slower than with {@link #bundled()} (p50), and it knows many more names. About 15 MB
     * of heap; loaded once, on first use (1.4–1.6 s here).
     */
    public static PiiTagger bundledWithStaticVectors() {
        return BundledStatic.MODEL;
    }

    /** The encoder {@link #bundledWithEncoder} expects. */
    public static EncoderSpec encoderSpec() {
        return EncoderSpec.allMiniLmL6V2().withMaxTokens(512);
    }

    /** This model served with {@code source} for its dense features (required when {@link #needsVectors()}). */
    public PiiTagger withVectors(WordVectors source) {
        if (denseWeights == null) {
            throw new IllegalStateException("this tagger has no dense features");
        }
        return new PiiTagger(entities, bucketBits, weights, transitions, denseWeights, vectorsName, provenance, source);
    }

    public boolean needsVectors() {
        return denseWeights != null;
    }

    public List<String> entities() {
        return entities;
    }

    /** Trainer, settings, training data and its SHA-256: enough to reproduce the model. */
    public Map<String, String> provenance() {
        return provenance;
    }

    public List<Span> tag(String text) {
        Memo last = memo.get();
        if (last != null && last.text().get() == text) {
            return last.spans();
        }
        if (denseWeights != null && vectors == null) {
            throw new IllegalStateException("this tagger needs " + vectorsName + " word vectors: use withVectors(...)");
        }
        Tokens t = Tokens.of(text);
        List<Span> spans = t.size() == 0 ? List.of()
                : spans(t, decodeScores(features.extract(t), denseScores(text, t)));
        memo.set(new Memo(new WeakReference<>(text), spans));
        return spans;
    }

    /** Per word, the dense part of each label's emission score; null for a sparse-only model. */
    private float[][] denseScores(String text, Tokens t) {
        if (denseWeights == null || t.size() == 0) {
            return null;
        }
        int[][] words = new int[t.size()][];
        for (int i = 0; i < words.length; i++) {
            words[i] = new int[] {t.start(i), t.end(i)};
        }
        return vectors.scores(text, words, denseWeights, labels);
    }

    private List<Span> spans(Tokens t, int[] path) {
        List<Span> out = new ArrayList<>();
        int n = t.size();
        for (int i = 0; i < n; i++) {
            if (path[i] == 0 || (path[i] & 1) == 0) {
                continue; // O, or I- (always preceded by its B-, which opened the span)
            }
            int j = i + 1;
            while (j < n && path[j] == path[i] + 1) {
                j++;
            }
            out.add(new Span(entities.get((path[i] - 1) / 2), t.start(i), t.end(j - 1)));
            i = j - 1;
        }
        return out;
    }

    /** {@link #decodeScores} from dense word vectors, one per token (null for none), as training decodes. */
    int[] decode(int[][] feats, float[][] dense) {
        return decodeScores(feats, dense == null ? null : WordVectors.project(dense, denseWeights, labels));
    }

    /**
     * Best label sequence; label 0 is O, 2e+1 is B- and 2e+2 is I- of entity e, and I-x may only follow B-x or I-x.
     * {@code denseScores} is each token's dense part of the label scores, or null for a sparse-only model.
     */
    int[] decodeScores(int[][] feats, float[][] denseScores) {
        int n = feats.length;
        float[][] score = new float[n][labels];
        int[][] back = new int[n][labels];
        float[] emit = new float[labels];
        for (int i = 0; i < n; i++) {
            emissions(feats[i], denseScores == null ? null : denseScores[i], emit);
            for (int y = 0; y < labels; y++) {
                if (i == 0) {
                    score[0][y] = allowed(-1, y) ? transitions[labels * labels + y] + emit[y] : NEG;
                    continue;
                }
                float best = NEG;
                int arg = 0;
                for (int p = 0; p < labels; p++) {
                    if (!allowed(p, y) || score[i - 1][p] == NEG) {
                        continue;
                    }
                    float s = score[i - 1][p] + transitions[p * labels + y];
                    if (s > best) {
                        best = s;
                        arg = p;
                    }
                }
                score[i][y] = best == NEG ? NEG : best + emit[y];
                back[i][y] = arg;
            }
        }
        int[] path = new int[n];
        float best = NEG;
        for (int y = 0; y < labels; y++) {
            if (score[n - 1][y] > best) {
                best = score[n - 1][y];
                path[n - 1] = y;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            path[i - 1] = back[i][path[i]];
        }
        return path;
    }

    private void emissions(int[] feats, float[] denseScores, float[] emit) {
        Arrays.fill(emit, 0f);
        for (int f : feats) {
            int base = f * labels;
            for (int y = 0; y < labels; y++) {
                emit[y] += weights[base + y];
            }
        }
        if (denseScores != null) {
            for (int y = 0; y < labels; y++) {
                emit[y] += denseScores[y];
            }
        }
    }

    static boolean allowed(int prev, int y) {
        return y == 0 || (y & 1) == 1 || prev == y - 1 || prev == y;
    }

    TaggerFeatures features() {
        return features;
    }

    /**
     * Writes the model: gzip of a header, the provenance, the transitions, the non-zero sparse rows, the dense block.
     */
    public void write(OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(bytes))) {
            d.writeUTF(MAGIC);
            d.writeInt(TaggerFeatures.VERSION);
            d.writeInt(bucketBits);
            d.writeInt(entities.size());
            for (String e : entities) {
                d.writeUTF(e);
            }
            d.writeInt(provenance.size());
            for (Map.Entry<String, String> e : new TreeMap<>(provenance).entrySet()) {
                d.writeUTF(e.getKey());
                d.writeUTF(e.getValue());
            }
            for (float v : transitions) {
                d.writeFloat(v);
            }
            int buckets = 1 << bucketBits;
            int rows = 0;
            for (int b = 0; b < buckets; b++) {
                rows += nonZero(b) ? 1 : 0;
            }
            d.writeInt(rows);
            for (int b = 0; b < buckets; b++) {
                if (nonZero(b)) {
                    d.writeInt(b);
                    for (int y = 0; y < labels; y++) {
                        d.writeFloat(weights[b * labels + y]);
                    }
                }
            }
            d.writeInt(denseWeights == null ? 0 : denseWeights.length / labels);
            if (denseWeights != null) {
                d.writeUTF(vectorsName);
                for (float v : denseWeights) {
                    d.writeFloat(v);
                }
            }
        }
        out.write(bytes.toByteArray());
    }

    private boolean nonZero(int bucket) {
        for (int y = 0; y < labels; y++) {
            if (weights[bucket * labels + y] != 0f) {
                return true;
            }
        }
        return false;
    }

    public static PiiTagger load(InputStream in, String source) {
        if (in == null) {
            throw new ModelLoadException("PII tagger model not found: " + source);
        }
        try (DataInputStream d = new DataInputStream(new GZIPInputStream(in))) {
            if (!MAGIC.equals(d.readUTF())) {
                throw new ModelLoadException("not a PII tagger model (" + MAGIC + "): " + source);
            }
            int version = d.readInt();
            if (version != TaggerFeatures.VERSION) {
                throw new ModelLoadException("PII tagger model " + source + " uses feature version " + version
                        + "; this build computes version " + TaggerFeatures.VERSION + ": retrain it");
            }
            int bucketBits = d.readInt();
            int entityCount = d.readInt();
            if (bucketBits < 8 || bucketBits > 24 || entityCount < 1 || entityCount > 16) {
                throw new ModelLoadException("corrupt PII tagger model " + source);
            }
            List<String> entities = new ArrayList<>();
            for (int i = 0; i < entityCount; i++) {
                entities.add(d.readUTF());
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            int entries = d.readInt();
            for (int i = 0; i < entries; i++) {
                provenance.put(d.readUTF(), d.readUTF());
            }
            int labels = 1 + 2 * entityCount;
            float[] transitions = new float[(labels + 1) * labels];
            for (int i = 0; i < transitions.length; i++) {
                transitions[i] = d.readFloat();
            }
            float[] weights = new float[(1 << bucketBits) * labels];
            int rows = d.readInt();
            for (int r = 0; r < rows; r++) {
                int b = d.readInt();
                for (int y = 0; y < labels; y++) {
                    weights[b * labels + y] = d.readFloat();
                }
            }
            int dim = d.readInt();
            float[] dense = null;
            String vectorsName = null;
            if (dim > 0) {
                vectorsName = d.readUTF();
                dense = new float[dim * labels];
                for (int i = 0; i < dense.length; i++) {
                    dense[i] = d.readFloat();
                }
            }
            return new PiiTagger(entities, bucketBits, weights, transitions, dense, vectorsName, provenance, null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelLoadException m) {
                throw m;
            }
            throw new ModelLoadException("corrupt PII tagger model " + source + ": " + e.getMessage(), e);
        }
    }
}
