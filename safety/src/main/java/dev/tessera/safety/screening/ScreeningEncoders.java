package dev.tessera.safety.screening;

import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.encoder.RecentEmbeddings;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.onnx.InferenceOptions;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in encoders the screening heads run on, each loaded once on first use and shared by every head that
 * names it (a head records its encoder in its provenance). Thread-safe; closing closes every loaded encoder.
 */
public final class ScreeningEncoders implements AutoCloseable {

    /**
     * Texts whose embeddings each encoder keeps: a request embeds its question on one encoder up to five times
     * (injection, toxicity and scope heads, graph retrieval, relation weights), and a few dozen requests run at once.
     */
    public static final int RECENT_EMBEDDINGS = 64;

    private final InferenceOptions options;
    private final int recentEmbeddings;
    private final Map<String, OnnxEncoder> loaded = new ConcurrentHashMap<>();
    private final Map<String, SentenceEncoder> shared = new ConcurrentHashMap<>();

    private ScreeningEncoders(InferenceOptions options, int recentEmbeddings) {
        this.options = Objects.requireNonNull(options, "options");
        if (recentEmbeddings < 0) {
            throw new IllegalArgumentException("recentEmbeddings must be >= 0, not " + recentEmbeddings);
        }
        this.recentEmbeddings = recentEmbeddings;
    }

    public static ScreeningEncoders create(InferenceOptions options) {
        return create(options, RECENT_EMBEDDINGS);
    }

    /**
     * @param recentEmbeddings texts whose embeddings each encoder keeps ({@link RecentEmbeddings}); 0 to embed every
     *                         time, as a benchmark's baseline
     */
    public static ScreeningEncoders create(InferenceOptions options, int recentEmbeddings) {
        return new ScreeningEncoders(options, recentEmbeddings);
    }

    /** CPU encoders with the SDK's default thread layout. */
    public static ScreeningEncoders cpu() {
        return create(InferenceOptions.cpu());
    }

    /**
     * Loads a screen on CPU encoders of its own; the screen closes them when it closes, and they are closed here if
     * loading fails.
     */
    static <T> T withOwnCpuEncoders(java.util.function.Function<ScreeningEncoders, T> load) {
        ScreeningEncoders encoders = cpu();
        try {
            return load.apply(encoders);
        } catch (RuntimeException e) {
            encoders.close();
            throw e;
        }
    }

    public InferenceOptions options() {
        return options;
    }

    /** Texts whose embeddings each encoder keeps; 0 when every call runs the model. */
    public int recentEmbeddings() {
        return recentEmbeddings;
    }

    /**
     * The built-in encoder with this name, e.g. {@code all-minilm-l6-v2-q}, behind {@link RecentEmbeddings}: the same
     * text embedded again by another head in the same request costs a hash, not a model run.
     */
    public SentenceEncoder get(String builtinName) {
        return shared.computeIfAbsent(builtinName, n -> {
            OnnxEncoder encoder = loaded.computeIfAbsent(n, m -> OnnxEncoder.load(EncoderSpec.builtin(m), options));
            return recentEmbeddings == 0 ? encoder : RecentEmbeddings.of(encoder, recentEmbeddings);
        });
    }

    @Override
    public void close() {
        loaded.values().forEach(OnnxEncoder::close);
        loaded.clear();
        shared.clear();
    }
}
