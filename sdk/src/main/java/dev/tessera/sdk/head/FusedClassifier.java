package dev.tessera.sdk.head;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tessera.sdk.InferenceException;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.batch.BatchPlanner;
import dev.tessera.sdk.encoder.EncoderInputs;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.TextTokenizer;
import dev.tessera.sdk.encoder.TokenizedText;
import dev.tessera.sdk.onnx.ExecutionProvider;
import dev.tessera.sdk.onnx.InferenceOptions;
import dev.tessera.sdk.onnx.ModelSource;
import dev.tessera.sdk.onnx.OnnxSessions;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Encoder + pooling + head in one ONNX session (see {@link FusedModels}). Thread-safe. */
public final class FusedClassifier implements TextClassifier, AutoCloseable {

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final LinearHead head;
    private final TextTokenizer tokenizer;
    private final OrtSession session;
    private final ExecutionProvider provider;
    private final Set<String> inputNames;
    private final BatchPlanner planner;

    private FusedClassifier(LinearHead head, TextTokenizer tokenizer, OnnxSessions.OpenedSession opened,
                            BatchPlanner planner) throws OrtException {
        this.head = head;
        this.tokenizer = tokenizer;
        this.session = opened.session();
        this.provider = opened.provider();
        this.inputNames = session.getInputNames();
        this.planner = planner;
    }

    public static FusedClassifier load(EncoderSpec encoder, LinearHead head, InferenceOptions options) {
        byte[] fused = FusedModels.fuse(encoder.model().readAllBytes(), encoder.pooling(), head);
        TextTokenizer tokenizer = TextTokenizer.load(encoder.tokenizer(), encoder.maxTokens(), encoder.maxInputChars());
        try {
            String name = encoder.name() + "+" + head.name();
            return new FusedClassifier(head, tokenizer,
                    OnnxSessions.open(name, ModelSource.bytes(name, fused), fused, options), BatchPlanner.defaults());
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new InferenceException("Cannot inspect fused model: " + e.getMessage(), e);
        }
    }

    public ExecutionProvider provider() {
        return provider;
    }

    @Override
    public List<String> labels() {
        return head.labels();
    }

    @Override
    public Prediction classify(String text) {
        return classifyAll(List.of(text)).get(0);
    }

    @Override
    public List<Prediction> classifyAll(List<String> texts) {
        if (texts == null) {
            throw new InvalidInputException("texts must not be null");
        }
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        for (String t : texts) {
            tokenized.add(tokenizer.tokenize(t));
        }
        Prediction[] out = new Prediction[texts.size()];
        for (int[] group : planner.plan(tokenized, TokenizedText::length)) {
            List<TokenizedText> batch = new ArrayList<>(group.length);
            for (int idx : group) {
                batch.add(tokenized.get(idx));
            }
            float[][] probs = run(batch);
            for (int k = 0; k < group.length; k++) {
                out[group[k]] = Prediction.of(head.labels(), probs[k], head.type(), batch.get(k).truncated());
            }
        }
        return Arrays.asList(out);
    }

    private float[][] run(List<TokenizedText> batch) {
        try (EncoderInputs inputs = EncoderInputs.create(OnnxSessions.environment(), batch, inputNames);
             OrtSession.Result r = session.run(inputs.tensors(), Set.of(LinearHead.OUTPUT))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            int c = head.labels().size();
            float[][] probs = new float[batch.size()][c];
            for (int i = 0; i < probs.length; i++) {
                out.get(i * c, probs[i], 0, c);
            }
            return probs;
        } catch (OrtException e) {
            throw new InferenceException("Fused model '" + head.name() + "' failed: " + e.getMessage(), e);
        }
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
        tokenizer.close();
    }
}
