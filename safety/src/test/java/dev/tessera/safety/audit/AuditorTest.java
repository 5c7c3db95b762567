package dev.tessera.safety.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T17:40:00Z");
    private static final Auditor.Decision EMAIL = new Auditor.Decision("email", "-", 0.9, AuditRecord.Action.REDACT);

    private static Auditor auditor(InMemoryAuditSink sink, String requestId) {
        return Auditor.builder(sink, AuditRecordTest.FP).requestId(() -> requestId)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void decisionsOfOneCheckShareTimeRequestAndFingerprint() {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        auditor(sink, "req-1").record(AuditRecord.Layer.INPUT, AuditRecordTest.TEXT, Duration.ofMillis(3),
                List.of(EMAIL, new Auditor.Decision("credit-card", "-", 0.99, AuditRecord.Action.REDACT)));
        assertEquals(List.of(
                new AuditRecord(NOW, AuditRecord.Layer.INPUT, "email", "-", 0.9, AuditRecord.Action.REDACT,
                        Duration.ofMillis(3), "req-1", AuditRecordTest.FP.fingerprint(AuditRecordTest.TEXT)),
                new AuditRecord(NOW, AuditRecord.Layer.INPUT, "credit-card", "-", 0.99, AuditRecord.Action.REDACT,
                        Duration.ofMillis(3), "req-1", AuditRecordTest.FP.fingerprint(AuditRecordTest.TEXT))),
                sink.records());
    }

    @Test
    void requestIdsThatCouldCarryTextAreNotRecorded() {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        auditor(sink, "Ann Lee's request").record(AuditRecord.Layer.INPUT, "x", Duration.ZERO, EMAIL);
        auditor(sink, null).record(AuditRecord.Layer.INPUT, "x", Duration.ZERO, EMAIL);
        assertEquals(List.of(Auditor.NO_REQUEST_ID, Auditor.NO_REQUEST_ID),
                sink.records().stream().map(AuditRecord::requestId).toList());
    }

    @Test
    void aDecisionThatCannotBeRecordedIsDroppedWithoutFailingTheCaller() {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        auditor(sink, "req-1").record(AuditRecord.Layer.OUTPUT, "x", Duration.ZERO, List.of(
                new Auditor.Decision("free text rule", "-", 1, AuditRecord.Action.BLOCK),
                new Auditor.Decision("r", "-", Double.NaN, AuditRecord.Action.BLOCK), EMAIL));
        assertEquals(List.of("email"), sink.records().stream().map(AuditRecord::ruleId).toList());
    }

    @Test
    void noneRecordsNothingAndIdentifiersAreCheckedUpFront() {
        assertFalse(Auditor.none().enabled());
        Auditor.none().record(AuditRecord.Layer.INPUT, "x", Duration.ZERO, EMAIL);
        assertTrue(auditor(new InMemoryAuditSink(), "r").enabled());
        assertEquals("medical.no-dosing", Auditor.requireIdentifier("rule", "medical.no-dosing"));
        assertThrows(IllegalArgumentException.class, () -> Auditor.requireIdentifier("rule", "no dosing"));
        assertThrows(IllegalArgumentException.class, () -> Auditor.requireIdentifier("rule", null));
        assertFalse(Auditor.since(System.nanoTime() + 1_000_000_000L).isNegative());
    }
}
