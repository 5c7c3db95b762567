package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.audit.InMemoryAuditSink;
import dev.tessera.safety.audit.TextFingerprinter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Findings a caller publishes itself stay as written, are audited as ALLOW, and an exemption that fails exempts none. */
class ExemptionTest {

    private static final String TEXT = "Is Marek Dunstane sanctioned? My card is 4111 1111 1111 1111.";
    /** Exempts the findings that are, whole, one of these names. */
    private static final PiiExemption PUBLISHED = (text, findings) -> findings.stream()
            .filter(f -> Set.of("Marek Dunstane").contains(text.substring(f.start(), f.end())))
            .collect(Collectors.toSet());

    private final InMemoryAuditSink sink = new InMemoryAuditSink();
    private final Auditor auditor = Auditor.builder(sink, new TextFingerprinter("k1", new byte[32])).build();

    @Test
    void anExemptFindingStaysAsWrittenAndIsAuditedAsAllow() {
        PiiScanner without = PiiScanner.builder().build();
        assertEquals("Is [PERSON] sanctioned? My card is [CREDIT_CARD].", without.scan(TEXT).text(),
                "the recognisers find the name");
        PiiScanResult r = PiiScanner.builder().exemption(PUBLISHED).auditor(auditor).build().scan(TEXT);
        assertEquals("Is Marek Dunstane sanctioned? My card is [CREDIT_CARD].", r.text());
        assertEquals(List.of(PiiType.CREDIT_CARD), r.findings().stream().map(PiiFinding::type).toList());
        Map<AuditRecord.Action, Long> actions = sink.records().stream()
                .collect(Collectors.groupingBy(AuditRecord::action, Collectors.counting()));
        assertEquals(Map.of(AuditRecord.Action.REDACT, 1L, AuditRecord.Action.ALLOW, 1L), actions);
        assertTrue(sink.records().stream().noneMatch(a -> a.toString().contains("Dunstane")), "no value audited");
        assertEquals(r.findings(), PiiScanner.builder().exemption(PUBLISHED).build().find(TEXT),
                "find leaves out what scan leaves as written");
    }

    @Test
    void theExemptionIsAskedOnlyForATextWithFindings() {
        AtomicInteger asked = new AtomicInteger();
        PiiScanner scanner = PiiScanner.builder().exemption((text, findings) -> {
            asked.incrementAndGet();
            return Set.of();
        }).build();
        scanner.scan("Is ibuprofen an NSAID?");
        assertEquals(0, asked.get());
        scanner.scan(TEXT);
        assertEquals(1, asked.get());
    }

    @Test
    void anExemptionThatFailsOrNamesOtherFindingsExemptsNothing() {
        PiiScanner failing = PiiScanner.builder().exemption((text, findings) -> {
            throw new IllegalStateException("graph down");
        }).build();
        assertEquals("Is [PERSON] sanctioned? My card is [CREDIT_CARD].", failing.scan(TEXT).text());
        PiiScanner stray = PiiScanner.builder()
                .exemption((text, findings) -> Set.of(new PiiFinding(PiiType.PERSON, 0, 2, 1.0, "other"))).build();
        assertEquals("Is [PERSON] sanctioned? My card is [CREDIT_CARD].", stray.scan(TEXT).text());
    }
}
