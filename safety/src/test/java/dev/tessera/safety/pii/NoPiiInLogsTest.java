package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Captures everything the module logs (slf4j-simple writes to System.err; the test logging config puts the safety
 * module at debug) while scanning PII-rich text, and checks that no matched value appears in it.
 */
class NoPiiInLogsTest {

    @Test
    void logsCarryCountsNeverValues() {
        String text = "Dr. Ann Lee (ann.lee@example.com, +1 415-555-2671) paid with 4111 1111 1111 1111; SSN 123-45-6789; "
                + "IBAN GB82 WEST 1234 5698 7654 32; lives at 1600 Pennsylvania Avenue, Washington, DC 20500; "
                + "身份证 11010519491231002X，张三先生，手机13812345678.";
        List<String> values = List.of("Ann Lee", "ann.lee@example.com", "415-555-2671", "4111 1111 1111 1111",
                "123-45-6789", "GB82 WEST", "Pennsylvania", "11010519491231002X", "张三", "13812345678");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<PiiFinding> findings;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            PiiScanner scanner = PiiScanner.builder().build();
            findings = scanner.find(text);
            scanner.scan(text);
            PiiScanner.builder().action(PiiAction.PSEUDONYMISE).build().scan(text, new InMemoryPseudonymVault());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("pii scan"), "the capture must see the scanner's debug line, got: " + log);
        assertTrue(findings.size() >= 8, findings::toString);
        for (String v : values) {
            assertFalse(log.contains(v), "log leaks '" + v + "'");
        }
        for (PiiFinding f : findings) {
            assertFalse(log.contains(text.substring(f.start(), f.end())), "log leaks a matched value of " + f.type());
        }
    }
}
