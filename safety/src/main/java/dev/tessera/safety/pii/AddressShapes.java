package dev.tessera.safety.pii;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shapes of a postal address's parts (building numbers, units, regions, postcodes, countries) and the text
 * helpers that read them, shared by {@link StreetAddressRecognizer} and {@link LetterAddressBlocks}.
 */
final class AddressShapes {

    private AddressShapes() {
    }

    /** A building number opening an address: "5049 " of "5049 Harjukuja 54". */
    static final Pattern LEADING_NUMBER = Pattern.compile("\\d{1,6}[ \\t]+(?=\\S)");
    /** A number standing alone (not "5th", "221B"): a street that has one already names its house. */
    static final Pattern LONE_NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}])\\d{1,6}(?![\\p{L}\\p{N}])");
    /** A unit word opening a unit: "Apt", "Suite". */
    static final String UNIT_OPENING = "(?:Apt|Suite|Unit|Flat|Room)(?![\\p{L}])";
    /** The end of a segment: a comma, a line break, the end of a sentence or of the text ("07700 063" is a phone). */
    static final String SEGMENT_ENDS = "(?=[ \\t]*(?:[,.;:?!)]|\\r?\\n|$))";
    /** As {@link #SEGMENT_ENDS}, or where the sentence goes on in lower case: "Tunisia last night", "ON on Monday". */
    static final String SEGMENT_OR_CLAUSE_ENDS = "(?:" + SEGMENT_ENDS + "|(?=[ \\t]+\\p{Ll}))";
    /** A postcode: 12345, 12345-6789, 340 12, 53-320, B0J 2H0, SW1A 1AA. */
    static final String POSTCODE = "(?:\\d{3} \\d{2}|\\d{2}-\\d{3}|\\d{4,6}(?:-\\d{4})?"
            + "|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})";
    /**
     * A segment of a region code ("ON", "NSW", "32") or a postcode (12345, 340 12, 53-320, B0J 2H0, SW1A 1AA; Iceland's
     * have three digits) alone.
     */
    static final Pattern REGION_OR_POSTCODE = Pattern.compile("(?:[A-Z]{2,3}|" + POSTCODE + ")(?:"
            + SEGMENT_OR_CLAUSE_ENDS + "|(?=[ \\t]+" + POSTCODE + SEGMENT_OR_CLAUSE_ENDS + "))"
            + "|\\d{1,3}" + SEGMENT_ENDS);
    /** A postcode after a town, country or region on the same line: "Cyprus 91815". */
    static final Pattern POSTCODE_AFTER = Pattern.compile("[ \\t]+" + POSTCODE + SEGMENT_OR_CLAUSE_ENDS);
    /** Where a country's name may end: at its segment's end, or where the sentence goes on. */
    static final Pattern SEGMENT_END = Pattern.compile(SEGMENT_OR_CLAUSE_ENDS);
    /** The most words of a country's name in {@link Lexicon#COUNTRIES}: "Saint Vincent and the Grenadines". */
    static final int MAX_COUNTRY_WORDS = 5;
    /** A unit and its number: "Apt. 675", "Suite 442", "apt. 169". */
    static final String UNIT_AND_NUMBER = "(?i)" + UNIT_OPENING + "\\.?[ \\t]+#?\\d{1,6}[A-Za-z]?"
            + "(?![\\p{L}\\p{N}])";
    /** A unit and its number, a part of its own in a letter's address block: "Apt. 675", "Suite 442", "apt. 169". */
    static final Pattern UNIT_PART = Pattern.compile(UNIT_AND_NUMBER);
    /** A quoting or indenting prefix of a letter's lines: "> ", "??? ", spaces. */
    static final Pattern LINE_PREFIX = Pattern.compile("[ \\t>?]*");
    /** The longest line of a letter's address block; a longer one is prose, and the bound keeps the reading linear. */
    static final int MAX_BLOCK_LINE_CHARS = 160;

    /**
     * The end of the country's name ({@link Lexicon#COUNTRIES}, up to {@link #MAX_COUNTRY_WORDS} words) that starts
     * at {@code start} and ends its segment or comes before a postcode, or {@code start}: the tagger does not know
     * every country ("Dolores\n Uruguay").
     */
    static int endOfCountry(String text, int start) {
        int found = start;
        int end = start;
        for (int words = 0; words < MAX_COUNTRY_WORDS; words++) {
            if (words > 0) {
                if (end + 1 >= text.length() || text.charAt(end) != ' ') {
                    break;
                }
                end++;
            }
            int wordStart = end;
            while (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '-')) {
                end++;
            }
            if (end == wordStart) {
                break;
            }
            if (Lexicon.COUNTRIES.contains(text.substring(start, end).toLowerCase(Locale.ROOT))
                    && (SEGMENT_END.matcher(text).region(end, text.length()).lookingAt()
                    || POSTCODE_AFTER.matcher(text).region(end, text.length()).lookingAt())) {
                found = end;
            }
        }
        return found;
    }

    /**
     * The line break ending the line at {@code from}, or the text's end; past {@link #MAX_BLOCK_LINE_CHARS} it stops
     * looking and returns a position beyond that bound.
     */
    static int lineEnd(String text, int from) {
        int limit = Math.min(text.length(), from + MAX_BLOCK_LINE_CHARS + 1);
        for (int i = from; i < limit; i++) {
            if (text.charAt(i) == '\n') {
                return i;
            }
        }
        return limit;
    }

    static int skipSpaces(String text, int from, int to) {
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    static int trimEnd(String text, int from, int to) {
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    static boolean containsDigit(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean containsLetter(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean onlySpacesBetween(String text, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    static boolean hasLineBreak(String value) {
        return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    }

    /** Lines or comma-separated segments: an address written out rather than a bare street. */
    static boolean hasSegments(String value) {
        return hasLineBreak(value) || value.indexOf(',') >= 0;
    }

    static boolean hasWordOf(String value, Set<String> words) {
        for (String word : value.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (words.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
