package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The four actions on the same text, and the pseudonym round trip. */
class ModesTest {

    private static final String TEXT = "Card 4111 1111 1111 1111, mail ann@example.com, SSN 123-45-6789.";
    private static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);

    private static PiiScanner scanner(PiiAction action) {
        PiiScanner.Builder b = PiiScanner.builder().action(action);
        if (action == PiiAction.HASH) {
            b.hashSecret(SECRET);
        }
        return b.build();
    }

    @Test
    void redact() {
        assertEquals("Card [CREDIT_CARD], mail [EMAIL_ADDRESS], SSN [US_SSN].",
                scanner(PiiAction.REDACT).scan(TEXT).text());
    }

    @Test
    void maskKeepsTheLastFourOfNumbers() {
        assertEquals("Card **** **** **** 1111, mail ****, SSN ***-**-6789.", scanner(PiiAction.MASK).scan(TEXT).text());
    }

    @Test
    void hashIsKeyedShortAndStable() {
        String once = scanner(PiiAction.HASH).scan(TEXT).text();
        assertEquals(once, scanner(PiiAction.HASH).scan(TEXT).text());
        Matcher m = Pattern.compile("\\[CREDIT_CARD:([0-9a-f]{16})]").matcher(once);
        assertTrue(m.find(), once);
        assertFalse(once.contains("4111") || once.contains("ann@") || once.contains("6789"), once);
        // Same value elsewhere, same hash; full-width digits are the same number.
        String again = scanner(PiiAction.HASH).scan("other text 4111 1111 1111 1111").text();
        assertTrue(again.contains(m.group(1)), again);
        String fullWidth = scanner(PiiAction.HASH).scan("手机１３８１２３４５６７８").text();
        String ascii = scanner(PiiAction.HASH).scan("手机13812345678").text();
        assertEquals(ascii, fullWidth);
        String otherKey = PiiScanner.builder().action(PiiAction.HASH)
                .hashSecret("another-secret-of-16-bytes".getBytes(StandardCharsets.UTF_8)).build().scan(TEXT).text();
        assertNotEquals(once, otherKey);
    }

    @Test
    void hashWithoutSecretIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> PiiScanner.builder().action(PiiAction.HASH).build());
        assertThrows(IllegalArgumentException.class, () -> PiiScanner.builder().hashSecret(new byte[8]));
    }

    @Test
    void pseudonymiseAndRestore() {
        PiiScanner scanner = scanner(PiiAction.PSEUDONYMISE);
        InMemoryPseudonymVault vault = new InMemoryPseudonymVault();
        String text = "Mail ann@example.com or bob@example.com; again ann@example.com.";
        PiiScanResult r = scanner.scan(text, vault);
        assertEquals("Mail <EMAIL_ADDRESS_1> or <EMAIL_ADDRESS_2>; again <EMAIL_ADDRESS_1>.", r.text());
        assertEquals(2, vault.size());
        assertEquals(text, PiiScanner.restore(r.text(), vault));
        // A model's reply that reuses the tokens is restored too; unknown tokens stay.
        assertEquals("Wrote to ann@example.com, not <EMAIL_ADDRESS_9>.",
                PiiScanner.restore("Wrote to <EMAIL_ADDRESS_1>, not <EMAIL_ADDRESS_9>.", vault));
    }

    @Test
    void restoreNeedsTheVaultThatIssuedTheTokens() {
        PiiScanner scanner = scanner(PiiAction.PSEUDONYMISE);
        PiiScanResult r = scanner.scan(TEXT, new InMemoryPseudonymVault());
        assertEquals(r.text(), PiiScanner.restore(r.text(), new InMemoryPseudonymVault()));
        assertFalse(r.text().contains("4111") || r.text().contains("ann@example.com"));
        assertThrows(IllegalStateException.class, () -> scanner.scan(TEXT));
    }

    @Test
    void findingsAreTheSameWhateverTheAction() {
        List<PiiFinding> redact = scanner(PiiAction.REDACT).scan(TEXT).findings();
        assertEquals(redact, scanner(PiiAction.MASK).scan(TEXT).findings());
        assertEquals(redact, scanner(PiiAction.HASH).scan(TEXT).findings());
        assertEquals(redact, scanner(PiiAction.PSEUDONYMISE).scan(TEXT, new InMemoryPseudonymVault()).findings());
    }
}
