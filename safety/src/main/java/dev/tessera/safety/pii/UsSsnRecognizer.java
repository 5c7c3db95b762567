package dev.tessera.safety.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US social security numbers: AAA-GG-SSSS, or spaced or bare nine digits after an SSN word. SSA rules:
 * area not 000, 666 or 900-999; group not 00; serial not 0000. There is no check digit, so the score stays below
 * {@link PiiFinding#VALIDATED}.
 */
public final class UsSsnRecognizer extends RegexRecognizer {

    private static final Pattern SSN = Pattern.compile("(?<![\\w-])(\\d{3})([- ]?)(\\d{2})\\2(\\d{4})(?![\\w-])");
    private static final ContextCue SSN_WORDS = new ContextCue("\\b(?:ssn|social security|social sec|ss#|ss no)", 40);

    public UsSsnRecognizer() {
        super(PiiType.US_SSN, "us-ssn", SSN, AnchoredPattern.DIGIT);
    }

    @Override
    PiiFinding validate(String text, Matcher m) {
        int area = Integer.parseInt(m.group(1));
        if (area == 0 || area == 666 || area >= 900 || m.group(3).equals("00") || m.group(4).equals("0000")) {
            return null;
        }
        boolean cue = SSN_WORDS.before(text, m.start());
        if (!m.group(2).equals("-") && !cue) {
            return null; // nine digits, bare or spaced, are too common to call an SSN without a cue
        }
        return finding(m.start(), m.end(), cue ? 0.9 : 0.8);
    }
}
