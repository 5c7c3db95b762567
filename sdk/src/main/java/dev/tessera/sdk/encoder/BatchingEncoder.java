package dev.tessera.sdk.encoder;

import dev.tessera.sdk.InferenceException;
import dev.tessera.sdk.TesseraException;
import dev.tessera.sdk.batch.DynamicBatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link OnnxEncoder} behind a {@link DynamicBatcher}: many threads calling {@link #embed} share model calls.
 * Texts are validated and tokenized on the caller's thread, so the batching worker only runs the model.
 * {@link #embedAll} is already a batch and goes straight to the encoder.
 */
public final class BatchingEncoder implements SentenceEncoder, AutoCloseable {

    private final OnnxEncoder encoder;
    private final DynamicBatcher<TokenizedText, Embedding> batcher;
    private final Duration requestTimeout;

    private BatchingEncoder(Builder b) {
        this.encoder = b.encoder;
        this.requestTimeout = b.requestTimeout;
        this.batcher = DynamicBatcher.<TokenizedText, Embedding>builder(encoder.modelName(), encoder::embedTokenized)
                .length(TokenizedText::length)
                .maxBatchSize(b.maxBatchSize)
                .maxPaddingFraction(b.maxPaddingFraction)
                .maxWait(b.maxWait)
                .queueCapacity(b.queueCapacity)
                .meterRegistry(b.meterRegistry)
                .workers(encoder.concurrentBatches())
                .build();
    }

    public static Builder builder(OnnxEncoder encoder) {
        return new Builder(encoder);
    }

    @Override
    public String modelName() {
        return encoder.modelName();
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    public OnnxEncoder delegate() {
        return encoder;
    }

    /**
     * @throws dev.tessera.sdk.OverloadedException when the queue is full
     * @throws TesseraException                    when no result arrives within the request timeout
     */
    @Override
    public Embedding embed(String text) {
        TokenizedText tokenized = encoder.tokenize(text);
        try {
            return batcher.submit(tokenized).get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TesseraException("No embedding from '" + modelName() + "' within " + requestTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TesseraException("Interrupted while waiting for an embedding", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TesseraException te) {
                throw te;
            }
            throw new InferenceException("Embedding failed: " + cause, cause);
        }
    }

    @Override
    public List<Embedding> embedAll(List<String> texts) {
        return encoder.embedAll(texts);
    }

    /** Stops the batcher (queued requests still run); the wrapped encoder stays open. */
    @Override
    public void close() {
        batcher.close();
    }

    public static final class Builder {
        private final OnnxEncoder encoder;
        private int maxBatchSize = 32;
        private double maxPaddingFraction = 0.3;
        private Duration maxWait = Duration.ofMillis(2);
        private int queueCapacity = 1024;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private MeterRegistry meterRegistry = Metrics.globalRegistry;

        private Builder(OnnxEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
        }

        public Builder maxBatchSize(int n) {
            this.maxBatchSize = n;
            return this;
        }

        public Builder maxPaddingFraction(double f) {
            this.maxPaddingFraction = f;
            return this;
        }

        public Builder maxWait(Duration d) {
            this.maxWait = d;
            return this;
        }

        public Builder queueCapacity(int n) {
            this.queueCapacity = n;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            this.requestTimeout = d;
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry);
            return this;
        }

        public BatchingEncoder build() {
            return new BatchingEncoder(this);
        }
    }
}
