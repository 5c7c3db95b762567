package dev.tessera.safety.pii;

import java.util.Arrays;

/**
 * Word-level tokens for the tagger: maximal runs of letters, digits, combining marks and underscores, split where
 * Chinese, Japanese or Korean letters meet letters of another script, or a single other non-space character. Spans
 * in the training data start and end on these boundaries, so a token-level tag sequence can express every span
 * exactly.
 */
final class Tokens {

    private final String text;
    private final int[] starts;
    private final int[] ends;
    private final int size;

    private Tokens(String text, int[] starts, int[] ends, int size) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.size = size;
    }

    static Tokens of(String text) {
        int capacity = Math.max(8, text.length() / 3);
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int n = 0;
        int i = 0;
        int len = text.length();
        while (i < len) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            i += Character.charCount(cp);
            if (isWordChar(cp)) {
                int previous = cp;
                while (i < len) {
                    int next = text.codePointAt(i);
                    if (!isWordChar(next) || Scripts.scriptsMeet(previous, next)) {
                        break;
                    }
                    previous = next;
                    i += Character.charCount(next);
                }
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            starts[n] = start;
            ends[n] = i;
            n++;
        }
        return new Tokens(text, starts, ends, n);
    }

    static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp) || cp == '_') {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    int size() {
        return size;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    String word(int i) {
        return text.substring(starts[i], ends[i]);
    }

    /** True when a line break separates token i from the one before it (or i is the first token). */
    boolean lineStart(int i) {
        if (i == 0) {
            return true;
        }
        for (int k = ends[i - 1]; k < starts[i]; k++) {
            char c = text.charAt(k);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** True when token i starts a line after horizontal whitespace (an indented or continued line). */
    boolean indented(int i) {
        int k = starts[i];
        return k > 0 && lineStart(i) && (text.charAt(k - 1) == ' ' || text.charAt(k - 1) == '\t');
    }

    /** True when whitespace separates token i from the one before it. */
    boolean spaceBefore(int i) {
        return i > 0 && starts[i] > ends[i - 1];
    }
}
