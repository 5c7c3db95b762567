package dev.tessera.safety.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every record to {@value EventTopics#SAFETY_AUDIT} as a CloudEvents 1.0 structured JSON event: type
 * {@value #EVENT_TYPE}, {@code data} the {@link AuditJson} object, {@code subject} and Kafka key the request id (so
 * one request's records stay in order on one partition), {@code time} the decision's timestamp. The producer has
 * Tessera's delivery settings ({@link KafkaSettings#producerProperties()}: idempotent, acks=all).
 *
 * <p>It stays out of the request's way. {@link #write} hands the record to the producer and returns; a callback
 * counts it as delivered or failed. When the producer cannot take a record within {@link Builder#maxBlock} (no
 * metadata yet, broker unreachable, send buffer full), the record is dropped and counted as failed, so a slow or
 * absent broker costs a request at most that long. A failure is logged with the rule and request id only.
 * Thread-safe.
 */
public final class KafkaAuditSink implements AuditSink {

    /** CloudEvents type of every event; the version suffix changes with {@link AuditJson#SCHEMA}. */
    public static final String EVENT_TYPE = "dev.tessera.safety.audit.v1";
    public static final String DEFAULT_SOURCE = "/tessera/safety";
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofMillis(100);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAuditSink.class);

    private final Producer<String, String> producer;
    private final String source;
    private final Map<String, String> extensions;
    private final Duration closeTimeout;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaAuditSink(Producer<String, String> producer, String source, Map<String, String> extensions,
                           Duration closeTimeout) {
        this.producer = producer;
        this.source = source;
        this.extensions = Map.copyOf(extensions);
        this.closeTimeout = closeTimeout;
    }

    public static Builder builder(KafkaSettings settings) {
        return new Builder(settings);
    }

    @Override
    public void write(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        String event = new CloudEvent(UUID.randomUUID().toString(), source, EVENT_TYPE, record.requestId(),
                record.timestamp(), AuditJson.toNode(record), extensions).toJson();
        try {
            producer.send(new ProducerRecord<>(EventTopics.SAFETY_AUDIT, record.requestId(), event),
                    (metadata, e) -> {
                        if (e == null) {
                            delivered.increment();
                        } else {
                            failed(record, e);
                        }
                    });
        } catch (KafkaException | IllegalStateException e) {
            // A closed or fatally failed producer throws instead of calling back; the request goes on either way.
            failed(record, e);
        }
    }

    private void failed(AuditRecord record, Exception e) {
        failed.increment();
        LOG.warn("audit record not delivered to {} (rule {}, request {}): {}", EventTopics.SAFETY_AUDIT,
                record.ruleId(), record.requestId(), e.toString());
    }

    /** Records the broker acknowledged. */
    public long deliveredCount() {
        return delivered.sum();
    }

    /** Records dropped: not accepted within max-block, not acknowledged, or written after close. */
    public long failedCount() {
        return failed.sum();
    }

    /** Waits until every record handed over so far is acknowledged or failed (at most the delivery timeout). */
    @Override
    public void flush() {
        if (!closed.get()) {
            producer.flush();
        }
    }

    /** Flushes and closes within {@link Builder#closeTimeout}; records still unsent then are lost. Idempotent. */
    @Override
    public void close() {
        close(closeTimeout);
    }

    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (closed.compareAndSet(false, true)) {
            producer.close(timeout);
        }
    }

    public static final class Builder {
        private final KafkaSettings settings;
        private String source = DEFAULT_SOURCE;
        private final Map<String, String> extensions = new LinkedHashMap<>();
        private Duration maxBlock = DEFAULT_MAX_BLOCK;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder(KafkaSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** CloudEvents {@code source}, a URI reference naming the producer, e.g. {@code /tessera/safety/medical}. */
        public Builder source(String value) {
            this.source = Objects.requireNonNull(value, "source");
            return this;
        }

        /** Adds the {@code tenant} extension attribute to every event. */
        public Builder tenant(String value) {
            Objects.requireNonNull(value, "tenant");
            if (value.isBlank()) {
                throw new IllegalArgumentException("tenant must not be blank");
            }
            extensions.put("tenant", value);
            return this;
        }

        /**
         * The longest {@link KafkaAuditSink#write} may wait for the producer ({@code max.block.ms}); this setting wins over the
         * passthrough, since it is the sink's promise to the request path. Default 100 ms.
         */
        public Builder maxBlock(Duration value) {
            this.maxBlock = Objects.requireNonNull(value, "maxBlock");
            return this;
        }

        /** How long {@link KafkaAuditSink#close()} waits for records in flight. Default 10 s. */
        public Builder closeTimeout(Duration value) {
            this.closeTimeout = Objects.requireNonNull(value, "closeTimeout");
            return this;
        }

        /**
         * @throws IllegalArgumentException on a bad source, tenant or duration
         * @throws KafkaException           when the producer settings are refused
         */
        public KafkaAuditSink build() {
            if (source.isBlank() || !source.strip().equals(source)) {
                throw new IllegalArgumentException("source must be a non-blank URI reference without spaces");
            }
            URI.create(source);
            if (maxBlock.toMillis() < 1) {
                throw new IllegalArgumentException("maxBlock must be at least 1 ms, was " + maxBlock);
            }
            if (closeTimeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
            }
            // The CloudEvent constructor holds the attribute rules; a probe applies them now rather than per write.
            new CloudEvent("probe", source, EVENT_TYPE, null, Instant.EPOCH, JsonNodeFactory.instance.objectNode(),
                    extensions);
            Properties props = settings.producerProperties();
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
            return new KafkaAuditSink(new KafkaProducer<>(props), source, extensions, closeTimeout);
        }
    }
}
