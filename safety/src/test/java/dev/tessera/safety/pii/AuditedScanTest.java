package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.audit.InMemoryAuditSink;
import dev.tessera.safety.audit.TextFingerprinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scan with an auditor: one INPUT record per finding, or one ALLOW when there is none. */
class AuditedScanTest {

    private static final TextFingerprinter FP = new TextFingerprinter("k1", new byte[32]);
    private static final String TEXT = "Card 4111 1111 1111 1111, mail ann@example.com, SSN 123-45-6789.";

    private final InMemoryAuditSink sink = new InMemoryAuditSink();
    private final Auditor auditor = Auditor.builder(sink, FP).requestId(() -> "req-9").build();

    @Test
    void everyFindingIsOneRecordWithItsRecognizerAndScore() {
        PiiScanResult r = PiiScanner.builder().auditor(auditor).build().scan(TEXT);
        assertEquals(3, r.findings().size(), r::toString);
        List<AuditRecord> records = sink.records();
        assertEquals(r.findings().stream().map(PiiFinding::recognizer).toList(),
                records.stream().map(AuditRecord::ruleId).toList());
        assertEquals(r.findings().stream().map(PiiFinding::score).toList(),
                records.stream().map(AuditRecord::score).toList());
        for (AuditRecord a : records) {
            assertEquals(AuditRecord.Layer.INPUT, a.layer());
            assertEquals(AuditRecord.Action.REDACT, a.action());
            assertEquals("req-9", a.requestId());
            assertEquals(FP.fingerprint(TEXT), a.textFingerprint(), "the checked text, not the value");
            assertTrue(a.latency().toNanos() > 0);
        }
    }

    @Test
    void aCleanTextIsOneAllowAndPseudonymsAreRewrites() {
        PiiScanner.builder().auditor(auditor).build().scan("Is ibuprofen an NSAID?");
        assertEquals(List.of(PiiScanner.AUDIT_RULE), sink.records().stream().map(AuditRecord::ruleId).toList());
        assertEquals(AuditRecord.Action.ALLOW, sink.records().get(0).action());
        assertEquals(0.0, sink.records().get(0).score());
        sink.clear();
        PiiScanner.builder().action(PiiAction.PSEUDONYMISE).auditor(auditor).build()
                .scan(TEXT, new InMemoryPseudonymVault());
        assertTrue(sink.size() == 3 && sink.records().stream().allMatch(a -> a.action() == AuditRecord.Action.REWRITE),
                sink.records()::toString);
    }

    @Test
    void withoutAnAuditorNothingIsRecordedAndFindOnlyNeverRecords() {
        PiiScanner.builder().build().scan(TEXT);
        PiiScanner.builder().auditor(auditor).build().find(TEXT);
        assertEquals(0, sink.size());
    }

    @Test
    void aRecognizerWhoseNameCannotBeAuditedIsRefusedAtBuild() {
        PiiRecognizer odd = new PiiRecognizer() {
            @Override
            public PiiType type() {
                return PiiType.PERSON;
            }

            @Override
            public String name() {
                return "my recognizer";
            }

            @Override
            public List<PiiFinding> find(String text) {
                return List.of();
            }
        };
        assertThrows(IllegalArgumentException.class,
                () -> PiiScanner.builder().recognizers(List.of(odd)).auditor(auditor).build());
        PiiScanner.builder().recognizers(List.of(odd)).build();
    }
}
