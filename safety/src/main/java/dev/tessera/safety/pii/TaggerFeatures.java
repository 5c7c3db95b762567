package dev.tessera.safety.pii;

import java.util.Locale;

/**
 * Sparse features of each token for {@link PiiTagger}: the word and its neighbours (lower case), word shapes,
 * affixes, line and sentence position, and membership of the {@link Lexicon} lists (common words, titles, street
 * types, given names, surnames). Features are hashed into a fixed
 * number of buckets, so the model stores no feature strings (and therefore no words from its training data).
 *
 * <p>Changing anything here changes the feature space: bump {@link #VERSION} and retrain.
 */
final class TaggerFeatures {

    static final int VERSION = 2;
    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    private final int mask;

    TaggerFeatures(int bucketBits) {
        this.mask = (1 << bucketBits) - 1;
    }

    /** Feature templates, each hashed once into the seed its values are hashed onto. */
    private enum T {
        BIAS, WORD, SHAPE, BRIEF, P2, P3, S2, S3, S4, LEN, POS, POS_BRIEF, SPACE, LEX, LEX_BRIEF, NAME, NAME_BRIEF,
        NAME_PREV, NAME_NEXT, WORD_M2, WORD_M1, WORD_P1, WORD_P2, BRIEF_M2, BRIEF_M1, BRIEF_P1, BRIEF_P2, LEX_M2,
        LEX_M1, LEX_P1, LEX_P2, SHAPE_M1, SHAPE_P1, LINE_M1, LINE_P1, BRIEF_PAIR_PREV, BRIEF_PAIR_NEXT, PREV_LINE,
        PREV_LINE_POS, BLOCK, BLOCK_BRIEF, BLOCK_POS;

        final int seed = seed(name());
    }

    private static final String EDGE = "<edge>";

    /** Per token, the bucket ids of its active features. */
    int[][] extract(Tokens t) {
        int n = t.size();
        String[] lower = new String[n];
        String[] shape = new String[n];
        String[] brief = new String[n];
        String[] lex = new String[n];
        String[] name = new String[n];
        boolean[] lineStart = new boolean[n];
        String[] previousLine = previousLineKinds(t);
        String[] block = blockLeads(t, previousLine);
        for (int i = 0; i < n; i++) {
            String w = t.word(i);
            lower[i] = w.toLowerCase(Locale.ROOT);
            shape[i] = shape(w, 6);
            brief[i] = briefShape(w);
            lex[i] = lexClass(lower[i]);
            name[i] = nameClass(lower[i]);
            lineStart[i] = t.lineStart(i);
        }
        int[][] out = new int[n][];
        int[] buf = new int[48];
        for (int i = 0; i < n; i++) {
            int k = 0;
            String w = lower[i];
            int len = w.length();
            boolean sentenceStart = lineStart[i] || (i > 0 && isSentenceEnd(lower[i - 1]));
            boolean lineEnd = i == n - 1 || lineStart[i + 1];
            String pos = POSITIONS[(lineStart[i] ? 4 : 0) + (sentenceStart ? 2 : 0) + (lineEnd ? 1 : 0)];
            buf[k++] = hash(T.BIAS, "");
            buf[k++] = hash(T.WORD, w);
            buf[k++] = hash(T.SHAPE, shape[i]);
            buf[k++] = hash(T.BRIEF, brief[i]);
            buf[k++] = hash(T.P2, w, 0, Math.min(2, len));
            buf[k++] = hash(T.P3, w, 0, Math.min(3, len));
            buf[k++] = hash(T.S2, w, Math.max(0, len - 2), len);
            buf[k++] = hash(T.S3, w, Math.max(0, len - 3), len);
            buf[k++] = hash(T.S4, w, Math.max(0, len - 4), len);
            buf[k++] = hash(T.LEN, LENGTHS[Math.min(len, 10)]);
            buf[k++] = hash(T.POS, pos);
            buf[k++] = hash(T.POS_BRIEF, pos, brief[i]);
            buf[k++] = hash(T.SPACE, t.spaceBefore(i) ? "1" : "0");
            buf[k++] = hash(T.LEX, lex[i]);
            buf[k++] = hash(T.LEX_BRIEF, lex[i], brief[i]);
            buf[k++] = hash(T.NAME, name[i]);
            buf[k++] = hash(T.NAME_BRIEF, name[i], brief[i]);
            buf[k++] = hash(T.NAME_PREV, i > 0 ? name[i - 1] : EDGE);
            buf[k++] = hash(T.NAME_NEXT, i < n - 1 ? name[i + 1] : EDGE);
            buf[k++] = hash(T.PREV_LINE, previousLine[i]);
            buf[k++] = hash(T.PREV_LINE_POS, previousLine[i], pos + brief[i]);
            buf[k++] = hash(T.BLOCK, block[i]);
            buf[k++] = hash(T.BLOCK_BRIEF, block[i], brief[i]);
            buf[k++] = hash(T.BLOCK_POS, block[i], pos);
            k = neighbour(buf, k, i - 2, n, lower, brief, lex, T.WORD_M2, T.BRIEF_M2, T.LEX_M2);
            k = neighbour(buf, k, i - 1, n, lower, brief, lex, T.WORD_M1, T.BRIEF_M1, T.LEX_M1);
            k = neighbour(buf, k, i + 1, n, lower, brief, lex, T.WORD_P1, T.BRIEF_P1, T.LEX_P1);
            k = neighbour(buf, k, i + 2, n, lower, brief, lex, T.WORD_P2, T.BRIEF_P2, T.LEX_P2);
            if (i > 0) {
                buf[k++] = hash(T.SHAPE_M1, shape[i - 1]);
                buf[k++] = hash(T.LINE_M1, lineStart[i - 1] ? "1" : "0");
                buf[k++] = hash(T.BRIEF_PAIR_PREV, brief[i - 1], brief[i]);
            }
            if (i < n - 1) {
                buf[k++] = hash(T.SHAPE_P1, shape[i + 1]);
                buf[k++] = hash(T.LINE_P1, lineStart[i + 1] ? "1" : "0");
                buf[k++] = hash(T.BRIEF_PAIR_NEXT, brief[i], brief[i + 1]);
            }
            out[i] = java.util.Arrays.copyOf(buf, k);
        }
        return out;
    }

    private static final java.util.Set<String> ORG_WORDS = java.util.Set.of("inc", "llc", "ltd", "corporation", "corp",
            "company", "co", "group", "partners", "technologies", "technology", "solutions", "services", "systems",
            "software", "bank", "and", "&", "sons", "gmbh", "ag", "sa", "plc", "associates", "labs", "media", "capital",
            "analytics", "consulting", "holdings", "international", "agency", "data");

    /**
     * Per token, what the previous non-empty line looks like: a person's name (two to four capitalised words, no
     * digits, no company word), an organisation (a company word, or one word), something else, or none. Letter
     * heads put a person or a company above the address, and the data labels the two layouts differently.
     */
    private static String[] previousLineKinds(Tokens t) {
        int n = t.size();
        String[] out = new String[n];
        String previous = "none";
        int lineFrom = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && t.lineStart(i)) {
                String kind = lineKind(t, lineFrom, i);
                previous = kind.equals("empty") ? previous : kind;
                lineFrom = i;
            }
            out[i] = previous;
        }
        return out;
    }

    /**
     * Per token, how the block of lines it sits in was introduced: a block opens with a line whose first word is a
     * number (an address's house number) and runs on over indented lines; its lead is the kind of the line above it
     * (a name, an organisation, nothing, ...). Tokens outside such a block get "-". A letter-head address under a name
     * is laid out by line, an address run into a sentence is not, and the data labels the two differently.
     */
    private static String[] blockLeads(Tokens t, String[] previousLine) {
        int n = t.size();
        String[] out = new String[n];
        String lead = "-";
        for (int i = 0; i < n; i++) {
            if (t.lineStart(i)) {
                int first = i; // quote marks ('>', '???') before the first word do not change the layout
                while (first < n && (first == i || !t.lineStart(first)) && !Tokens.isWordChar(t.word(first).codePointAt(0))) {
                    first++;
                }
                boolean quoted = first > i;
                if (first < n && (first == i || !t.lineStart(first)) && Character.isDigit(t.word(first).charAt(0))) {
                    lead = previousLine[i];
                } else if (!t.indented(i) && !quoted) {
                    lead = "-";
                }
            }
            out[i] = lead;
        }
        return out;
    }

    private static String lineKind(Tokens t, int from, int to) {
        int words = 0;
        boolean capitalised = true;
        boolean org = false;
        for (int i = from; i < to; i++) {
            String w = t.word(i);
            if (!Tokens.isWordChar(w.codePointAt(0))) {
                continue; // quote marks, '>' and the like
            }
            words++;
            char c = w.charAt(0);
            capitalised &= Character.isUpperCase(c) && !Character.isDigit(c);
            org |= ORG_WORDS.contains(w.toLowerCase(Locale.ROOT));
            if (Character.isDigit(c)) {
                return "other";
            }
        }
        if (words == 0) {
            return "empty";
        }
        if (org || words == 1) {
            return "org";
        }
        return capitalised && words <= 4 ? "name" : "other";
    }

    private static final String[] POSITIONS = {"---", "--E", "-S-", "-SE", "L--", "L-E", "LS-", "LSE"};
    private static final String[] LENGTHS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};

    /** Word, coarse shape and lexicon class of the token at {@code j}, or one edge marker outside the text. */
    private int neighbour(int[] buf, int k, int j, int n, String[] lower, String[] brief, String[] lex, T word, T shape,
                          T lexicon) {
        if (j < 0 || j >= n) {
            buf[k++] = hash(word, EDGE);
            return k;
        }
        buf[k++] = hash(word, lower[j]);
        buf[k++] = hash(shape, brief[j]);
        buf[k++] = hash(lexicon, lex[j]);
        return k;
    }

    /** FNV-1a over the template name and a separator: the starting point for that template's values. */
    private static int seed(String template) {
        int h = FNV_OFFSET;
        for (int i = 0; i < template.length(); i++) {
            h = (h ^ template.charAt(i)) * FNV_PRIME;
        }
        return (h ^ 0x1F) * FNV_PRIME;
    }

    private int hash(T template, String value) {
        return hash(template, value, 0, value.length());
    }

    private int hash(T template, String value, int from, int to) {
        int h = template.seed;
        for (int i = from; i < to; i++) {
            h = (h ^ value.charAt(i)) * FNV_PRIME;
        }
        return finish(h);
    }

    private int hash(T template, String a, String b) {
        int h = template.seed;
        for (int i = 0; i < a.length(); i++) {
            h = (h ^ a.charAt(i)) * FNV_PRIME;
        }
        h = (h ^ '|') * FNV_PRIME;
        for (int i = 0; i < b.length(); i++) {
            h = (h ^ b.charAt(i)) * FNV_PRIME;
        }
        return finish(h);
    }

    /** A final avalanche, so nearby FNV values do not crowd the low bits the mask keeps. */
    private int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h & mask;
    }

    private static boolean isSentenceEnd(String w) {
        return w.equals(".") || w.equals("!") || w.equals("?") || w.equals(":") || w.equals("\"") || w.equals(">");
    }

    private static String lexClass(String w) {
        if (Lexicon.TITLES.contains(w)) {
            return "title";
        }
        if (Lexicon.UNIT_WORDS.contains(w)) {
            return "unit";
        }
        if (Lexicon.STREET_TYPES.contains(w)) {
            return "street";
        }
        if (Lexicon.MONTHS_AND_DAYS.contains(w)) {
            return "date";
        }
        if (Lexicon.COMMON_WORDS.contains(w)) {
            return "common";
        }
        return "-";
    }

    private static String nameClass(String w) {
        boolean given = Lexicon.GIVEN_NAMES.contains(w);
        boolean family = Lexicon.SURNAMES.contains(w);
        return given ? (family ? "gs" : "g") : family ? "s" : "-";
    }

    /** Character classes (X x d) with runs kept up to two, capped at {@code max} chars: "Xxxxx" → "Xxx". */
    static String shape(String w, int max) {
        StringBuilder b = new StringBuilder(max);
        char prev = 0;
        int run = 0;
        for (int i = 0; i < w.length() && b.length() < max; i++) {
            char c = classOf(w.charAt(i));
            run = c == prev ? run + 1 : 1;
            prev = c;
            if (run <= 2) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The coarsest shape: Title, UPPER, lower, digits (with count), mixed, or the punctuation itself. */
    static String briefShape(String w) {
        char first = w.charAt(0);
        if (!Tokens.isWordChar(w.codePointAt(0))) {
            return w;
        }
        boolean digits = true;
        boolean upper = true;
        boolean lower = true;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            digits &= Character.isDigit(c);
            upper &= !Character.isLowerCase(c) && !Character.isDigit(c);
            lower &= !Character.isUpperCase(c) && !Character.isDigit(c);
        }
        if (digits) {
            return "D" + Math.min(w.length(), 9);
        }
        if (lower) {
            return "low";
        }
        if (upper) {
            return w.length() == 1 ? "I" : "UP";
        }
        if (Character.isUpperCase(first)) {
            boolean restLower = true;
            for (int i = 1; i < w.length(); i++) {
                restLower &= !Character.isUpperCase(w.charAt(i)) && !Character.isDigit(w.charAt(i));
            }
            return restLower ? "Tit" : "Mix";
        }
        return "mix";
    }

    private static char classOf(char c) {
        if (Character.isUpperCase(c)) {
            return 'X';
        }
        if (Character.isLowerCase(c) || Character.isLetter(c)) {
            return 'x';
        }
        if (Character.isDigit(c)) {
            return 'd';
        }
        return c;
    }
}
