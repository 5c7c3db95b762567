package dev.tessera.safety.pii;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs, compact or in groups of four: the country's registry length decides where the number ends (so trailing
 * words are not swallowed), then ISO 13616 mod-97 must hold.
 */
public final class IbanRecognizer extends RegexRecognizer {

    private static final Pattern START = Pattern.compile("(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?= ?[A-Za-z0-9])");

    public IbanRecognizer() {
        super(PiiType.IBAN, "iban", START, (text, i) -> i + 3 < text.length() && isAsciiLetter(text.charAt(i))
                && isAsciiLetter(text.charAt(i + 1)) && AnchoredPattern.isDigit(text.charAt(i + 2))
                && AnchoredPattern.isDigit(text.charAt(i + 3)));
    }

    @Override
    PiiFinding validate(String text, Matcher m) {
        String country = text.substring(m.start(), m.start() + 2).toUpperCase(Locale.ROOT);
        Integer length = Checksums.IBAN_LENGTHS.get(country);
        if (length == null) {
            return null;
        }
        StringBuilder compact = new StringBuilder(length);
        int i = m.start();
        while (i < text.length() && compact.length() < length) {
            char c = text.charAt(i);
            if (isAlnum(c)) {
                compact.append(c);
            } else if (c != ' ' || i + 1 >= text.length() || !isAlnum(text.charAt(i + 1))) {
                break; // single spaces separate groups; anything else ends the number
            }
            i++;
        }
        if (compact.length() < length || (i < text.length() && isAlnum(text.charAt(i)))) {
            return null;
        }
        return Checksums.iban(compact.toString()) ? finding(m.start(), i, PiiFinding.VALIDATED) : null;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
