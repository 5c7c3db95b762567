package dev.tessera.safety.audit;

/**
 * Where audit records go. Implementations must be thread-safe and must not fail the request they audit: a sink
 * that cannot deliver should buffer, drop with a counter, or log the failure, never throw into the caller's path
 * for transient problems. Shipped: {@link InMemoryAuditSink} (tests, dashboards), {@link LoggingAuditSink} (one
 * JSON line per record via slf4j), {@link KafkaAuditSink} (CloudEvents on {@code tessera.safety.audit}, keyed by
 * request id). Components write through an {@link Auditor}.
 */
public interface AuditSink extends AutoCloseable {

    void write(AuditRecord record);

    /** Pushes buffered records out; no-op by default. */
    default void flush() {
    }

    /** Flushes and releases resources; no-op by default. */
    @Override
    default void close() {
        flush();
    }
}
