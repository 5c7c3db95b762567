package dev.tessera.safety.pii;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern tried only where one of its matches can begin. {@code Matcher.find()} runs the pattern's first nodes,
 * usually a look-behind over a Unicode class, at every position of the text; most PII patterns can only start at a
 * digit or at the first letter of a month's name, and a character test there is far cheaper. The matches are those
 * {@code find()} reports, provided {@code start} holds wherever a match can begin: each candidate position is tried
 * with {@code lookingAt()} on a region with transparent bounds, so look-behinds and look-aheads still see the whole
 * text, and the search resumes after each match as {@code find()} does.
 */
record AnchoredPattern(Pattern pattern, MatchStart start) {

    /** Whether a match may begin at {@code i} of {@code text}: a necessary condition, never a sufficient one. */
    @FunctionalInterface
    interface MatchStart {
        boolean at(String text, int i);
    }

    static final MatchStart ANYWHERE = (text, i) -> true;
    static final MatchStart DIGIT = (text, i) -> isDigit(text.charAt(i));

    AnchoredPattern {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(start, "start");
    }

    /**
     * Calls {@code each} for every match, left to right, as {@code while (m.find())} would; the matcher is valid only
     * during the call, and the search goes on after the match's end whatever {@code each} does with it.
     */
    void forEachMatch(String text, Consumer<Matcher> each) {
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (start.at(text, i)) {
                m.region(i, n);
                if (m.lookingAt()) {
                    int end = m.end();
                    each.accept(m);
                    i = Math.max(end, i + 1);
                    continue;
                }
            }
            i++;
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The first letter of a word (no letter or digit before it) that begins with one of {@code stems}, ASCII case
     * folded: "mar" starts "March" and "MARCH", not "Smarch".
     */
    static MatchStart wordStartingWith(List<String> stems) {
        List<String> copy = List.copyOf(stems);
        return (text, i) -> {
            if (!Character.isLetter(text.charAt(i)) || i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
                return false;
            }
            for (String stem : copy) {
                if (text.regionMatches(true, i, stem, 0, stem.length())) {
                    return true;
                }
            }
            return false;
        };
    }
}
