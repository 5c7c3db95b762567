package dev.tessera.safety.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A candidate pattern plus a validator. Every pattern starts with a negative look-behind on its own leading
 * character class, so inside a long run (a megabyte of digits) only the run's first position is tried and matching
 * stays linear in the input. A recogniser that knows where its matches can begin (a digit, say) gives that as an
 * {@link AnchoredPattern.MatchStart}, and the pattern runs only there.
 */
abstract class RegexRecognizer implements PiiRecognizer {

    private final AnchoredPattern pattern;
    private final PiiType type;
    private final String name;

    RegexRecognizer(PiiType type, String name, Pattern pattern) {
        this(type, name, pattern, AnchoredPattern.ANYWHERE);
    }

    RegexRecognizer(PiiType type, String name, Pattern pattern, AnchoredPattern.MatchStart start) {
        this.type = type;
        this.name = name;
        this.pattern = new AnchoredPattern(pattern, start);
    }

    @Override
    public final PiiType type() {
        return type;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public List<PiiFinding> find(String text) {
        List<PiiFinding> out = new ArrayList<>();
        pattern.forEachMatch(text, m -> {
            PiiFinding f = validate(text, m);
            if (f != null) {
                out.add(f);
            }
        });
        return out;
    }

    /** The finding for this candidate, or null when validation rejects it. */
    abstract PiiFinding validate(String text, Matcher m);

    PiiFinding finding(int start, int end, double score) {
        return new PiiFinding(type, start, end, score, name);
    }

    static String digitsOf(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
