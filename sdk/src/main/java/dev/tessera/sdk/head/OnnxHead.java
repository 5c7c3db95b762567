package dev.tessera.sdk.head;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tessera.sdk.IncompatibleModelException;
import dev.tessera.sdk.InferenceException;
import dev.tessera.sdk.onnx.InferenceOptions;
import dev.tessera.sdk.onnx.ModelSource;
import dev.tessera.sdk.onnx.OnnxSessions;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/** A {@link LinearHead} served from its ONNX graph. Thread-safe. */
public final class OnnxHead implements AutoCloseable {

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final LinearHead head;
    private final OrtSession session;

    private OnnxHead(LinearHead head, OrtSession session) {
        this.head = head;
        this.session = session;
    }

    /** Loads a head saved with {@link LinearHead#toOnnx()}. */
    public static OnnxHead load(ModelSource source, InferenceOptions options) {
        byte[] bytes = source.readAllBytes();
        LinearHead head = LinearHead.fromOnnx(bytes);
        return new OnnxHead(head, OnnxSessions.open("head:" + head.name(), source, bytes, options).session());
    }

    public static OnnxHead of(LinearHead head, InferenceOptions options) {
        return load(ModelSource.bytes("head:" + head.name(), head.toOnnx()), options);
    }

    public LinearHead head() {
        return head;
    }

    /** Probabilities for each row of {@code vectors}, [rows][labels]. */
    public float[][] predict(float[][] vectors) {
        int d = head.inputDimension();
        for (float[] v : vectors) {
            if (v.length != d) {
                throw new IncompatibleModelException("Head '" + head.name() + "' takes vectors of size " + d
                        + ", got " + v.length);
            }
        }
        if (vectors.length == 0) {
            return new float[0][];
        }
        FloatBuffer in = FloatBuffer.allocate(vectors.length * d);
        for (float[] v : vectors) {
            in.put(v);
        }
        in.flip();
        try (OnnxTensor t = OnnxTensor.createTensor(OnnxSessions.environment(), in, new long[] {vectors.length, d});
             OrtSession.Result r = session.run(Map.of(LinearHead.INPUT, t))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            int c = head.labels().size();
            float[][] probs = new float[vectors.length][c];
            for (int i = 0; i < vectors.length; i++) {
                out.get(i * c, probs[i], 0, c);
            }
            return probs;
        } catch (OrtException e) {
            throw new InferenceException("Head '" + head.name() + "' failed: " + e.getMessage(), e);
        }
    }

    Prediction prediction(float[] probabilities, boolean truncated) {
        return Prediction.of(head.labels(), probabilities, head.type(), truncated);
    }

    List<String> labels() {
        return head.labels();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            session.close();
        } catch (OrtException ignored) {
            // Native memory release failure leaves nothing to recover.
        }
    }
}
