package dev.tessera.safety.pii;

import java.text.Normalizer;
import java.util.BitSet;

/**
 * The text the recognizers see, plus a map back to the caller's original. Normalisation folds compatibility forms
 * (NFKC: full-width digits, ligatures, circled numbers), drops invisible format characters that split tokens
 * (zero-width space/joiners, word joiner, BOM, soft hyphen), turns lone surrogates into U+FFFD and other control
 * characters into spaces. It works per base character plus its combining marks, so every normalised char maps to
 * one whole segment of the original and a span maps back to whole original characters.
 */
final class NormalizedText {

    /** BMP chars that NFKC leaves unchanged on their own; computed once so most segments skip the normaliser. */
    private static final BitSet STABLE = stableChars();

    private final String text;
    /** Original [start, end) of the segment each normalised char came from; null when text is the original. */
    private final int[] originalStart;
    private final int[] originalEnd;

    private NormalizedText(String text, int[] originalStart, int[] originalEnd) {
        this.text = text;
        this.originalStart = originalStart;
        this.originalEnd = originalEnd;
    }

    static NormalizedText of(String original) {
        if (isPlain(original)) {
            return new NormalizedText(original, null, null);
        }
        int n = original.length();
        StringBuilder out = new StringBuilder(n);
        int[] starts = new int[n + 16];
        int[] ends = new int[n + 16];
        int i = 0;
        while (i < n) {
            int segStart = i;
            int cp = original.codePointAt(i);
            i += Character.charCount(cp);
            while (i < n && isCombining(original.codePointAt(i))) {
                i += Character.charCount(original.codePointAt(i));
            }
            String piece = normalise(original, segStart, i, cp);
            if (out.length() + piece.length() > starts.length) {
                int size = Math.max(starts.length * 2, out.length() + piece.length());
                starts = java.util.Arrays.copyOf(starts, size);
                ends = java.util.Arrays.copyOf(ends, size);
            }
            for (int k = 0; k < piece.length(); k++) {
                starts[out.length() + k] = segStart;
                ends[out.length() + k] = i;
            }
            out.append(piece);
        }
        return new NormalizedText(out.toString(), starts, ends);
    }

    String text() {
        return text;
    }

    /** The original span behind the normalised span [start, end). */
    PiiFinding toOriginal(PiiFinding f) {
        if (originalStart == null) {
            return f;
        }
        return f.shifted(originalStart[f.start()], originalEnd[f.end() - 1]);
    }

    private static String normalise(String s, int start, int end, int firstCodePoint) {
        if (Character.isSurrogate(s.charAt(start)) && !Character.isSupplementaryCodePoint(firstCodePoint)) {
            return "\uFFFD";
        }
        if (isInvisible(firstCodePoint)) {
            return "";
        }
        if (Character.getType(firstCodePoint) == Character.CONTROL && firstCodePoint != '\n' && firstCodePoint != '\t'
                && firstCodePoint != '\r') {
            return " ";
        }
        if (end == start + 1 && STABLE.get(s.charAt(start))) {
            return s.substring(start, end);
        }
        String seg = s.substring(start, end);
        // A lone surrogate among the combining marks cannot be normalised; it is replaced in place.
        StringBuilder clean = null;
        for (int k = 0; k < seg.length(); k++) {
            char c = seg.charAt(k);
            boolean lone = Character.isHighSurrogate(c)
                    ? k + 1 >= seg.length() || !Character.isLowSurrogate(seg.charAt(k + 1))
                    : Character.isLowSurrogate(c) && (k == 0 || !Character.isHighSurrogate(seg.charAt(k - 1)));
            if (lone) {
                if (clean == null) {
                    clean = new StringBuilder(seg);
                }
                clean.setCharAt(k, '\uFFFD');
            }
        }
        return Normalizer.normalize(clean == null ? seg : clean, Normalizer.Form.NFKC);
    }

    private static BitSet stableChars() {
        BitSet stable = new BitSet(0x10000);
        char[] one = new char[1];
        for (int c = 0; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            one[0] = (char) c;
            String s = new String(one);
            if (Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
                stable.set(c);
            }
        }
        return stable;
    }

    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCombining(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    private static boolean isInvisible(int cp) {
        return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD
                || cp == 0x180E;
    }
}
