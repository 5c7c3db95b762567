package dev.tessera.sdk.encoder;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.tessera.sdk.InferenceException;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.batch.BatchPlanner;
import dev.tessera.sdk.onnx.BatchInvariantQuantization;
import dev.tessera.sdk.onnx.ExecutionProvider;
import dev.tessera.sdk.onnx.InferenceOptions;
import dev.tessera.sdk.onnx.OnnxSessions;
import dev.tessera.sdk.onnx.Sha256;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A BERT-family sentence encoder on ONNX Runtime. The graph yields token states; pooling (masked mean or CLS)
 * and L2 normalisation happen here, so the same graph also serves token-level heads.
 *
 * <p>Thread-safe. {@link #embedAll} sorts its texts by token length and runs padding-aware batches; for many
 * concurrent single-text callers wrap it in a {@link BatchingEncoder}.
 */
public final class OnnxEncoder implements SentenceEncoder, AutoCloseable {

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final EncoderSpec spec;
    private final TextTokenizer tokenizer;
    private final OrtSession session;
    private final ExecutionProvider provider;
    private final Set<String> inputNames;
    private final String outputName;
    private final int dimension;
    private final String modelSha256;
    private final BatchPlanner planner;
    private final int concurrentBatches;
    /** Runs the batches of one embedAll side by side; null when only one batch may run at a time. */
    private final ExecutorService batchPool;

    private OnnxEncoder(EncoderSpec spec, TextTokenizer tokenizer, OrtSession session, ExecutionProvider provider,
                        String outputName, int dimension, String modelSha256, BatchPlanner planner,
                        int concurrentBatches) throws OrtException {
        this.spec = spec;
        this.tokenizer = tokenizer;
        this.session = session;
        this.provider = provider;
        this.inputNames = session.getInputNames();
        this.outputName = outputName;
        this.dimension = dimension;
        this.modelSha256 = modelSha256;
        this.planner = planner;
        this.concurrentBatches = concurrentBatches;
        if (concurrentBatches > 1) {
            AtomicInteger n = new AtomicInteger();
            this.batchPool = Executors.newFixedThreadPool(concurrentBatches, r -> {
                Thread t = new Thread(r, "tessera-encoder-" + spec.name() + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.batchPool = null;
        }
    }

    public static OnnxEncoder load(EncoderSpec spec) {
        return load(spec, InferenceOptions.defaults());
    }

    public static OnnxEncoder load(EncoderSpec spec, InferenceOptions options) {
        return load(spec, options, BatchPlanner.defaults());
    }

    public static OnnxEncoder load(EncoderSpec spec, InferenceOptions options, BatchPlanner planner) {
        byte[] bytes = spec.model().readAllBytes();
        TextTokenizer tokenizer = TextTokenizer.load(spec.tokenizer(), spec.maxTokens(), spec.maxInputChars());
        OrtSession session = null;
        try {
            OnnxSessions.OpenedSession opened = OnnxSessions.open(spec.name(), spec.model(),
                    BatchInvariantQuantization.rewrite(bytes), options);
            session = opened.session();
            if (!session.getInputNames().containsAll(Set.of("input_ids", "attention_mask"))) {
                throw new ModelLoadException("Encoder '" + spec.name() + "' from " + spec.model().description()
                        + " does not take input_ids and attention_mask; its inputs are " + session.getInputNames());
            }
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String output = outputs.containsKey("last_hidden_state") ? "last_hidden_state" : outputs.keySet().iterator().next();
            long[] shape = ((TensorInfo) outputs.get(output).getInfo()).getShape();
            if (shape.length != 3 || shape[2] <= 0) {
                throw new ModelLoadException("Encoder '" + spec.name() + "' output '" + output
                        + "' must be token states [batch, tokens, hidden], but has shape " + Arrays.toString(shape));
            }
            return new OnnxEncoder(spec, tokenizer, session, opened.provider(), output, (int) shape[2],
                    Sha256.hex(bytes), planner, options.concurrentBatches());
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            if (session != null) {
                closeQuietly(session);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new ModelLoadException("Cannot inspect encoder '" + spec.name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String modelName() {
        return spec.name();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    public EncoderSpec spec() {
        return spec;
    }

    public ExecutionProvider provider() {
        return provider;
    }

    public String modelSha256() {
        return modelSha256;
    }

    public int maxTokens() {
        return spec.maxTokens();
    }

    /** Validates and tokenizes one text; safe to call from any thread. */
    public TokenizedText tokenize(String text) {
        return tokenizer.tokenize(text);
    }

    @Override
    public Embedding embed(String text) {
        return embedTokenized(List.of(tokenize(text))).get(0);
    }

    @Override
    public List<Embedding> embedAll(List<String> texts) {
        if (texts == null) {
            throw new InvalidInputException("texts must not be null");
        }
        List<TokenizedText> tokenized = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                tokenized.add(tokenize(texts.get(i)));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("texts[" + i + "]: " + e.getMessage());
            }
        }
        Embedding[] out = new Embedding[texts.size()];
        List<int[]> groups = planner.plan(tokenized, TokenizedText::length);
        List<CompletableFuture<Void>> running = new ArrayList<>(groups.size());
        for (int[] group : groups) {
            Runnable call = () -> {
                List<TokenizedText> batch = new ArrayList<>(group.length);
                for (int idx : group) {
                    batch.add(tokenized.get(idx));
                }
                List<Embedding> embedded = embedTokenized(batch);
                for (int k = 0; k < group.length; k++) {
                    out[group[k]] = embedded.get(k);
                }
            };
            if (batchPool == null || groups.size() == 1) {
                call.run();
            } else {
                running.add(CompletableFuture.runAsync(call, batchPool));
            }
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new InferenceException("Encoder '" + spec.name() + "' failed: " + e.getCause(), e.getCause());
        }
        return Arrays.asList(out);
    }

    /** Model calls that may run at once (the batching worker count for a {@link BatchingEncoder}). */
    public int concurrentBatches() {
        return concurrentBatches;
    }

    /** Runs exactly one model call over {@code batch}, padded to its longest text. */
    public List<Embedding> embedTokenized(List<TokenizedText> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        try (EncoderInputs inputs = EncoderInputs.create(OnnxSessions.environment(), batch, inputNames);
             OrtSession.Result result = session.run(inputs.tensors(), Set.of(outputName))) {
            FloatBuffer states = ((OnnxTensor) result.get(0)).getFloatBuffer();
            int len = inputs.sequenceLength();
            List<Embedding> out = new ArrayList<>(batch.size());
            for (int row = 0; row < batch.size(); row++) {
                TokenizedText t = batch.get(row);
                float[] v = pool(states, row, len, t.length());
                out.add(new Embedding(Vectors.normalizeInPlace(v), t.length(), t.originalTokenCount(), t.truncated()));
            }
            return out;
        } catch (OrtException e) {
            throw new InferenceException("Encoder '" + spec.name() + "' failed on a batch of " + batch.size() + ": "
                    + e.getMessage(), e);
        }
    }

    private float[] pool(FloatBuffer states, int row, int paddedLength, int realLength) {
        float[] v = new float[dimension];
        int base = row * paddedLength * dimension;
        if (spec.pooling() == Pooling.CLS) {
            states.get(base, v, 0, dimension);
            return v;
        }
        float[] token = new float[dimension];
        for (int t = 0; t < realLength; t++) {
            states.get(base + t * dimension, token, 0, dimension);
            for (int d = 0; d < dimension; d++) {
                v[d] += token[d];
            }
        }
        float inv = 1f / realLength;
        for (int d = 0; d < dimension; d++) {
            v[d] *= inv;
        }
        return v;
    }

    /** Per-token hidden states of one text, with token strings and character offsets. */
    public TokenStates tokenStates(String text) {
        TextTokenizer.TokensWithOffsets tw = tokenizer.tokenizeWithOffsets(text);
        TokenizedText t = tw.tokenized();
        try (EncoderInputs inputs = EncoderInputs.create(OnnxSessions.environment(), List.of(t), inputNames);
             OrtSession.Result result = session.run(inputs.tensors(), Set.of(outputName))) {
            FloatBuffer states = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[][] rows = new float[t.length()][dimension];
            for (int i = 0; i < rows.length; i++) {
                states.get(i * dimension, rows[i], 0, dimension);
            }
            return new TokenStates(tw.tokens(), tw.offsets(), rows, t.truncated());
        } catch (OrtException e) {
            throw new InferenceException("Encoder '" + spec.name() + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (batchPool != null) {
            batchPool.shutdownNow();
        }
        closeQuietly(session);
        tokenizer.close();
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // Closing frees native memory; nothing useful to do if that fails.
        }
    }
}
