package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

/** Helpers for the tests: check digits for synthetic identifiers, and finding lookups. */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code prefix} plus the Luhn check digit that makes it valid. */
    static String luhnValid(String prefix) {
        for (char d = '0'; d <= '9'; d++) {
            if (Checksums.luhn(prefix + d)) {
                return prefix + d;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** A valid number with its last digit changed, so Luhn fails. */
    static String luhnBroken(String valid) {
        char last = valid.charAt(valid.length() - 1);
        return valid.substring(0, valid.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    static List<PiiFinding> ofType(List<PiiFinding> findings, PiiType type) {
        return findings.stream().filter(f -> f.type() == type).toList();
    }

    /** "TYPE:value" for each finding, for readable assertions. */
    static List<String> describe(String text, List<PiiFinding> findings) {
        return findings.stream().map(f -> f.type() + ":" + text.substring(f.start(), f.end())).collect(Collectors.toList());
    }

    /** A scan through {@code tagger} finds a two-word name and, by rule, a card number beside it. */
    static void assertFindsNameAndCard(PiiTagger tagger) {
        PiiScanner scanner = PiiScanner.builder().tagger(tagger).build();
        String text = "My name is Maria Garcia, card 4111 1111 1111 1111.";
        List<String> found = describe(text, scanner.find(text));
        assertTrue(found.contains("PERSON:Maria Garcia"), found.toString());
        assertTrue(found.contains("CREDIT_CARD:4111 1111 1111 1111"), found.toString());
    }
}
