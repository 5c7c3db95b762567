package dev.tessera.safety.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.pii.PiiFinding;
import dev.tessera.safety.pii.PiiScanner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

    static final String TEXT = "Dr. Ann Lee (ann.lee@example.com, +1 415-555-2671) paid with 4111 1111 1111 1111; "
            + "SSN 123-45-6789; IBAN GB82 WEST 1234 5698 7654 32; lives at 1600 Pennsylvania Avenue, Washington, "
            + "DC 20500; 身份证 11010519491231002X，张三先生，手机13812345678.";
    static final List<String> VALUES = List.of("Ann Lee", "ann.lee@example.com", "415-555-2671",
            "4111 1111 1111 1111", "4111111111111111", "123-45-6789", "GB82 WEST", "GB82WEST", "Pennsylvania",
            "11010519491231002X", "张三", "13812345678", "example.com");
    static final TextFingerprinter FP = new TextFingerprinter("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    /** One record per finding plus one for the whole text, as the filter would write them. */
    private static List<AuditRecord> recordsFor(String text) {
        PiiScanner scanner = PiiScanner.builder().build();
        long t0 = System.nanoTime();
        List<PiiFinding> findings = scanner.find(text);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Instant now = Instant.now();
        List<AuditRecord> out = new java.util.ArrayList<>();
        for (PiiFinding f : findings) {
            out.add(AuditRecord.of(FP, text.substring(f.start(), f.end()), now, AuditRecord.Layer.INPUT,
                    f.recognizer(), "-", f.score(), AuditRecord.Action.REDACT, took, "req-42"));
        }
        out.add(AuditRecord.of(FP, text, now, AuditRecord.Layer.INPUT, "pii-scanner", "1", 1.0,
                AuditRecord.Action.REDACT, took, "req-42"));
        return out;
    }

    @Test
    void serializedRecordsCarryNoPiiValues() throws Exception {
        List<AuditRecord> records = recordsFor(TEXT);
        assertTrue(records.size() >= 9, "expected findings for the PII-rich text, got " + records);
        ObjectMapper json = new ObjectMapper();
        for (AuditRecord r : records) {
            String line = AuditJson.toJson(r);
            assertFalse(line.contains("\n"), "one line per record");
            for (String v : VALUES) {
                assertFalse(line.contains(v), "audit JSON leaks '" + v + "': " + line);
            }
            JsonNode n = json.readTree(line);
            assertEquals(List.of("schema", "timestamp", "layer", "rule", "model_version", "score", "action",
                    "latency_us", "request_id", "text_fingerprint"), fieldNames(n));
            assertTrue(n.get("score").isNumber() && n.get("score").asDouble() > 0, line);
            assertTrue(n.get("latency_us").isIntegralNumber() && n.get("latency_us").asLong() > 0, line);
            assertTrue(TextFingerprinter.isFingerprint(n.get("text_fingerprint").asText()), line);
            assertEquals(r.latency().toNanos() / 1000, AuditJson.fromJson(line).latency().toNanos() / 1000);
        }
        // Finding-level fingerprints differ from one another (distinct values) and are stable.
        assertNotEquals(records.get(0).textFingerprint(), records.get(1).textFingerprint());
        assertEquals(FP.fingerprint("ann.lee@example.com"), FP.fingerprint("ann.lee@example.com"));
    }

    @Test
    void loggingSinkWritesOneJsonLinePerRecordWithoutValues() throws Exception {
        List<AuditRecord> records = recordsFor(TEXT);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (AuditSink sink = new LoggingAuditSink()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            records.forEach(sink::write);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        long lines = log.lines().filter(l -> l.contains(AuditJson.SCHEMA)).count();
        assertEquals(records.size(), lines, log);
        for (String v : VALUES) {
            assertFalse(log.contains(v), "log leaks '" + v + "'");
        }
    }

    @Test
    void inMemorySinkKeepsOrder() {
        List<AuditRecord> records = recordsFor(TEXT);
        InMemoryAuditSink sink = new InMemoryAuditSink();
        records.forEach(sink::write);
        assertEquals(records, sink.records());
        sink.clear();
        assertEquals(0, sink.size());
    }

    @Test
    void fingerprintIsKeyedAndRecordsRejectText() {
        TextFingerprinter other = new TextFingerprinter("k2", new byte[32]);
        assertNotEquals(FP.fingerprint(TEXT).substring(15), other.fingerprint(TEXT).substring(15));
        assertTrue(FP.fingerprint("x").startsWith("hmac-sha256:k1:"));
        assertThrows(IllegalArgumentException.class, () -> new TextFingerprinter("k", new byte[8]));
        Instant now = Instant.now();
        // Raw text in the fingerprint slot, or free text in an id field, is refused.
        assertThrows(IllegalArgumentException.class, () -> new AuditRecord(now, AuditRecord.Layer.OUTPUT, "r", "-",
                0.5, AuditRecord.Action.BLOCK, Duration.ZERO, "req", "ann.lee@example.com"));
        assertThrows(IllegalArgumentException.class, () -> AuditRecord.of(FP, TEXT, now, AuditRecord.Layer.OUTPUT,
                "r", "-", 0.5, AuditRecord.Action.BLOCK, Duration.ZERO, "Ann Lee called"));
        assertThrows(IllegalArgumentException.class, () -> AuditRecord.of(FP, TEXT, now, AuditRecord.Layer.OUTPUT,
                "r", "-", Double.NaN, AuditRecord.Action.BLOCK, Duration.ZERO, "req"));
        assertThrows(IllegalArgumentException.class, () -> AuditRecord.of(FP, TEXT, now, AuditRecord.Layer.OUTPUT,
                "r", "-", 0.5, AuditRecord.Action.BLOCK, Duration.ofMillis(-1), "req"));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
