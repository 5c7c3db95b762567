package dev.tessera.safety.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits an answer into the sentences that are checked one by one. English ends a sentence at {@code . ! ? ;}
 * followed by whitespace or the end, so decimals ({@code 3.5}) and versions stay whole, but not at the full stop of
 * an abbreviation or one a lower-case word follows, nor at a semicolon inside brackets; Chinese ends at
 * {@code 。！？；} whether or not a space follows, since Chinese puts none. A line break also ends a sentence, so
 * list items without a full stop are checked on their own.
 */
public final class SentenceSplitter {

    /** Words whose full stop ends an abbreviation, not a sentence; lower case, without the dot. */
    private static final Set<String> ABBREVIATIONS = Set.of("etc", "vs", "cf", "dr", "mr", "mrs", "ms", "prof", "st",
            "no", "fig", "approx",
            // Legal citations, as the shipped legal graph writes them ("PRC Civil Code Art. 506").
            "art", "arts", "sec", "para", "ch", "reg", "ss", "cir");
    /** Initials with dots inside: "e.g.", "U.S.", "U.S.C."; the splitter meets them at their last dot. */
    private static final Pattern DOTTED_INITIALS = Pattern.compile("(?:\\p{L}\\.)+\\p{L}");

    /**
     * One sentence of the answer, as offsets into it, so verified text can be rebuilt around it.
     *
     * @param start   first character (never whitespace)
     * @param bodyEnd end of the words, before the closing punctuation; a marker goes here
     * @param end     end of the sentence, closing punctuation and quotes included (exclusive)
     */
    public record Span(int start, int bodyEnd, int end) {

        public String text(String answer) {
            return answer.substring(start, end);
        }
    }

    private SentenceSplitter() {
    }

    public static List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int start = -1;
        int brackets = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                add(text, start, i, spans);
                start = -1;
                brackets = 0;
                i++;
                continue;
            }
            if (start < 0 && !Character.isWhitespace(c)) {
                start = i;
            }
            if (c == '(' || c == '（') {
                brackets++;
            } else if ((c == ')' || c == '）') && brackets > 0) {
                brackets--;
            }
            if (brackets > 0 && (c == ';' || c == '；')) {
                i++; // a semicolon in brackets parts a parenthesis, not the sentence: "(Delegation; assignment)"
                continue;
            }
            if (start >= 0 && isCjkEnd(c)) {
                int end = closing(text, i + 1);
                add(text, start, end, spans);
                start = -1;
                brackets = 0;
                i = end;
                continue;
            }
            if (start >= 0 && isLatinEnd(c)) {
                int end = closing(text, i + 1);
                boolean atBreak = end == text.length() || Character.isWhitespace(text.charAt(end));
                if (atBreak && !(c == '.' && (abbreviation(text, start, i) || lowerCaseFollows(text, end)))) {
                    add(text, start, end, spans);
                    start = -1;
                    brackets = 0;
                    i = end;
                    continue;
                }
            }
            i++;
        }
        add(text, start, text.length(), spans);
        return spans;
    }

    /** Adds [start, end) trimmed, unless it holds no letter or digit (a stray bullet or "..." line). */
    private static void add(String text, int start, int end, List<Span> spans) {
        if (start < 0) {
            return;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int bodyEnd = bodyEnd(text, start, end);
        boolean hasWord = text.substring(start, end).codePoints().anyMatch(Character::isLetterOrDigit);
        if (hasWord) {
            spans.add(new Span(start, bodyEnd, end));
        }
    }

    /**
     * Where the words end: before the first terminator of the closing run ("rest." in {@code He said "rest."}), so a
     * bracket or quote that closes before it stays in the body ({@code (9 U.S.C. §2).} keeps its bracket); a run
     * without a terminator stays whole.
     */
    private static int bodyEnd(String text, int start, int end) {
        int run = end;
        while (run > start && isClosing(text.charAt(run - 1))) {
            run--;
        }
        for (int i = run; i < end; i++) {
            char c = text.charAt(i);
            if (isLatinEnd(c) || isCjkEnd(c) || c == '…') {
                return i;
            }
        }
        return end;
    }

    /** Skips further terminators and closing quotes or brackets that belong to the sentence just ended. */
    private static int closing(String text, int from) {
        int i = from;
        while (i < text.length() && (isClosing(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean abbreviation(String text, int start, int dot) {
        int w = dot;
        while (w > start && !Character.isWhitespace(text.charAt(w - 1))) {
            w--;
        }
        String word = text.substring(w, dot).toLowerCase(Locale.ROOT).replaceAll("^[(\"'“‘]+", "");
        return ABBREVIATIONS.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0)))
                || DOTTED_INITIALS.matcher(word).matches();
    }

    /**
     * Whether the next word after a full stop starts with a lower-case letter: a sentence starts with a capital, so
     * the stop ended an abbreviation the list does not hold ("eBay Inc. v. MercExchange", "Co. ltd").
     */
    private static boolean lowerCaseFollows(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i < text.length() && Character.isLowerCase(text.charAt(i));
    }

    private static boolean isCjkEnd(char c) {
        return c == '。' || c == '！' || c == '？' || c == '；';
    }

    private static boolean isLatinEnd(char c) {
        return c == '.' || c == '!' || c == '?' || c == ';';
    }

    private static boolean isClosing(char c) {
        return isCjkEnd(c) || isLatinEnd(c) || c == '"' || c == '\'' || c == ')' || c == ']' || c == '”'
                || c == '’' || c == '」' || c == '』' || c == '）' || c == '…';
    }
}
