package dev.tessera.safety.pii;

import java.util.regex.Matcher;

/**
 * Payment card numbers: 13-19 digits (optionally grouped with spaces or dashes) that pass Luhn. 12-digit Maestro
 * numbers (prefixes 50, 56-58, 63, 67) also pass Luhn but are short enough to collide with other numbers, so they
 * additionally need a card word shortly before.
 */
public final class CreditCardRecognizer extends RegexRecognizer {

    private static final ContextCue CARD_WORDS = new ContextCue(
            "\\b(?:card|cc|credit|debit|visa|master ?card|maestro|amex|payment)\\b|卡", 40);

    public CreditCardRecognizer() {
        super(PiiType.CREDIT_CARD, "credit-card", DigitRuns.RUN, AnchoredPattern.DIGIT);
    }

    @Override
    PiiFinding validate(String text, Matcher m) {
        int[] span = DigitRuns.longest(text, m.start(), m.end(), 13, 19, Checksums::luhn);
        if (span != null) {
            return finding(span[0], span[1], PiiFinding.VALIDATED);
        }
        span = DigitRuns.longest(text, m.start(), m.end(), 12, 12, d -> maestroPrefix(d) && Checksums.luhn(d));
        if (span != null && CARD_WORDS.before(text, span[0])) {
            return finding(span[0], span[1], PiiFinding.VALIDATED);
        }
        return null;
    }

    private static boolean maestroPrefix(String digits) {
        return digits.startsWith("50") || digits.startsWith("56") || digits.startsWith("57") || digits.startsWith("58")
                || digits.startsWith("63") || digits.startsWith("67");
    }
}
