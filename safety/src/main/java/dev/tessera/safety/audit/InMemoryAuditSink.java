package dev.tessera.safety.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Keeps records in memory, in write order. Thread-safe. For tests and small in-process views. */
public final class InMemoryAuditSink implements AuditSink {

    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void write(AuditRecord record) {
        records.add(Objects.requireNonNull(record, "record"));
    }

    /** A snapshot of the records written so far. */
    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    public synchronized int size() {
        return records.size();
    }

    public synchronized void clear() {
        records.clear();
    }
}
