package dev.tessera.safety.pii;

import dev.tessera.safety.pii.AnchoredPattern.MatchStart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Dates and times in common English forms ({@code 2024-03-05 14:30:00}, {@code 2024/3/5}, {@code 3/5/2024},
 * {@code March 5, 2024}, {@code 5th of March 2024}, {@code Tuesday}, {@code 2:30 pm}, a year or a month's name after
 * "in"/"during"/"since", a year standing on its own as in "(2019)" or "1914-1918", and the forms of e-mail headers and
 * records: {@code Sun, 05 May 2019 13:00:00 GMT}, {@code 05-MAR-1987}, {@code 05/2020}) and Chinese forms
 * ({@code 2024年3月5日}, {@code 下午3点}, and in Chinese numerals {@code 五月十二日}, {@code 星期一}, {@code 下午三点}).
 * A date preceded by a birth word (born, DOB, date of birth, 出生, 生日) is reported as {@link PiiType#DATE_OF_BIRTH}.
 * Bare month names and numbers that read as quantities or identifiers are not dates: "May I ...", "room 1977", "2000
 * people" and "1977 Main Street" stay untouched.
 */
public final class DateTimeRecognizer implements PiiRecognizer {

    /** A full name, or an abbreviation with or without its dot: the full stop after "October." ends a sentence. */
    private static final String MONTH = "(?:jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may"
            + "|jun(?:e|\\.)?|jul(?:y|\\.)?|aug(?:ust|\\.)?|sep(?:tember|t\\.?|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?"
            + "|dec(?:ember|\\.)?)";
    private static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
    private static final String YEAR = "(?:1[6-9]|20)\\d{2}";
    /** "pm" or "p.m.": a dot after "pm" is a sentence's full stop, not part of the time. */
    private static final String MERIDIEM = "[ap](?:m|\\.m\\.?)";
    private static final String CLOCK = "(?:[01]?\\d|2[0-3])(?::[0-5]\\d){1,2}(?:\\.\\d{1,6})?(?: ?" + MERIDIEM + ")?";
    private static final String TIME = "(?:" + CLOCK + "|(?:1[0-2]|0?[1-9]) ?" + MERIDIEM + "(?![\\p{L}]))";
    private static final String WEEKDAY = "(?:mon|tues|wednes|thurs|fri|satur|sun)day";
    /** A weekday's name or, before a day and month as e-mail headers write them, its abbreviation ("Sun, 05 May"). */
    private static final String WEEKDAY_OR_ABBREVIATION = "(?:" + WEEKDAY
            + "|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\\.?)";
    /** A zone after a time: "13:00:00 GMT", "10:30 UTC+2". */
    private static final String ZONE = "(?: (?:GMT|UTC)(?:[+-]\\d{1,2}(?::?\\d{2})?)?)?";
    private static final String TIME_SUFFIX = "(?:,? (?:at )?" + TIME + ZONE + ")?";
    /** A month's name or abbreviation without a dot, as "05-MAR-1987" writes it. */
    private static final String MONTH_WORD = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
            + "|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    /** ASCII case folding is enough: the English words are ASCII, and Chinese has no case. */
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final String L = "(?<![\\p{L}\\p{N}])";
    private static final String R = "(?![\\p{L}\\p{N}])";
    /** Year first: ISO 8601 (2024-03-05T14:30:00Z) and the 2024/3/5 and 2024.03.05 forms, optional time. */
    private static final Pattern ISO = Pattern.compile(L + "(?<y>" + YEAR + ")(?<s>[-/.])(?<m>[01]?\\d)\\k<s>(?<d>[0-3]?\\d)"
            + "(?:[T ]" + CLOCK + "(?:Z|[+-]\\d{2}:?\\d{2})?)?" + R, FLAGS);
    /** Numeric day and month either way round: 3/5/2024, 05.03.24. */
    private static final Pattern NUMERIC = Pattern.compile(L + "(?<a>\\d{1,2})(?<s>[/.\\-])(?<b>\\d{1,2})\\k<s>(?<y>"
            + YEAR + "|\\d{2})" + R + TIME_SUFFIX, FLAGS);
    /**
     * A year (or decade, or a range of two years) after a word that makes it a point in time, or the second of two
     * years ("between 1990 and 1995"), the word in a look-behind so that the match starts at the year's first digit.
     */
    private static final Pattern YEAR_AFTER_CUE = Pattern.compile(
            "(?<=\\b(?:(?:in|during|since|until|till|by|from|of|year|circa|around|before|after) (?:the )?|"
                    + YEAR + "s? (?:and|or|to|through|until|till) (?:the )?|mid-))" + YEAR + "(?:s|'s)?(?:\\s?[-–]\\s?"
                    + YEAR + ")?" + R, FLAGS);
    /**
     * A year without a cue word ("their best season: 1977.", "(2019)", "1914-1918"), or a range of two. Numbers in
     * that range are often quantities or identifiers, so a bare year must stand on its own: not after a sign, a digit
     * or an identifier word (see {@link #IDENTIFIER_BEFORE}), and followed by punctuation, the end of the text, a
     * second year, or a word that goes on a sentence about a time ("was", "and", "to"). Never before a capitalised
     * word or a number, where it is an address's building number ("1977 Main Street", "1987 74 Diakou Street").
     */
    private static final Pattern BARE_YEAR = Pattern.compile("(?<![\\p{L}\\p{N}$#£€¥.,/:+\\-])" + YEAR
            + "(?:s|'s)?(?:\\s?[-–]\\s?" + YEAR + ")?(?=\\s*$|\\s*[.,;:!?)\\]\"'”’»](?!\\d)|\\s+(?:and|or|to|through"
            + "|was|were|is|when|onwards?)\\b)", FLAGS);
    /**
     * A month named on its own after a word that makes it a point in time ("in March", "since January", "mid-June").
     * Only full names, capitalised: "may", "march" and "Jan" are too often words or names without a day or year.
     */
    private static final Pattern MONTH_AFTER_CUE = Pattern.compile("(?<=\\b(?:in|during|since|until|till|by|from"
            + "|before|after|early|late|last|next|this|every|each"
            + "|(?:the )?(?:end|beginning|start|middle|month) of) |mid-)"
            + "(?-i:January|February|March|April|May|June|July|August|September|October|November|December)" + R, FLAGS);
    /**
     * A month whose name is no common word or given name, capitalised, on its own: "October is my favourite month", "a
     * cold November morning". "May", "March", "April", "June" and "August" need a cue ({@link #MONTH_AFTER_CUE}).
     */
    private static final Pattern UNAMBIGUOUS_MONTH = Pattern.compile(L + "(?:January|February|July|September|October"
            + "|November|December)" + R);
    /** A quarter, half or fiscal year: "Q3 2021", "H1-2020", "FY2021", "FY 24". */
    private static final Pattern FISCAL_PERIOD = Pattern.compile(L + "(?:(?:Q[1-4]|H[12])[ \\-]?" + YEAR
            + "|FY[ \\-]?(?:" + YEAR + "|\\d{2}))" + R);
    private static final Pattern MONTH_YEAR = Pattern.compile("(?<![\\p{L}\\p{N}/.\\-])(?:0?[1-9]|1[0-2])/" + YEAR
            + "(?![\\p{L}\\p{N}]|[/.\\-]\\d)");
    /** Chinese numerals for a month, a day and an hour: 十二月, 二十五日, 三点. */
    private static final String CN_MONTH = "(?:十[一二]|[一二三四五六七八九十])月";
    private static final String CN_DAY = "(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[日号]";
    private static final String CN_YEAR = "[〇零一二三四五六七八九]{4}年";
    private static final String CN_HOUR = "(?:十[一二]?|[一二三四五六七八九两])点(?:半|[一二三四五]?十[一二三四五六七八九]?分"
            + "|[一二三四五六七八九]分)?";
    private static final String CN_TIME_OF_DAY_WORD = "(?:[上中下]午|晚上|早上|凌晨)";
    /**
     * A weekday: 星期一, 礼拜天, and 周一 after 上/下/本/这/每 or before a time of day, since 周 is also a surname ("周一" may
     * be a name).
     */
    private static final String CN_WEEKDAY = "(?:(?:星期|礼拜)[一二三四五六日天]|(?<=[上下本这每])周[一二三四五六日]|周[一二三四五六日]"
            + "(?=" + CN_TIME_OF_DAY_WORD + "))";
    /** Dates and times in Chinese numerals: 五月十二日, 二〇二〇年三月, 星期一下午三点, 明天下午三点 (the hour). */
    private static final Pattern CN_NUMERAL_DATE = Pattern.compile("(?:" + CN_YEAR + CN_MONTH + "(?:" + CN_DAY + ")?|"
            + CN_MONTH + CN_DAY + "|" + CN_WEEKDAY + ")(?:" + CN_TIME_OF_DAY_WORD + "?" + CN_HOUR + ")?|"
            + CN_TIME_OF_DAY_WORD + CN_HOUR);
    /** Words after which a number is an identifier, not a year: "Box 1977", "Suite 2001", "No. 1999", "PSC 1984". */
    private static final Pattern IDENTIFIER_BEFORE = Pattern.compile("(?:\\b(?:box|unit|suite|apt|room|no|nr|number|ext"
            + "|psc|flight|page|pp?|vol|route|floor|code|pin|id|ref|art|article|section|sec|chapter|item|part|form|opus"
            + "|model|version|v|lot|order|invoice|account|acct|case|file|ticket)\\.?|\\d)\\s*$", FLAGS);
    /** The first three letters of every month name, lower case: a text without one has no month-name date. */
    private static final List<String> MONTH_STEMS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");
    private static final List<String> WEEKDAY_STEMS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final MatchStart MONTH_OR_WEEKDAY = AnchoredPattern.wordStartingWith(
            Stream.concat(MONTH_STEMS.stream(), WEEKDAY_STEMS.stream()).toList());
    private static final MatchStart DIGIT = AnchoredPattern.DIGIT;
    private static final MatchStart YEAR_START = (text, i) -> text.charAt(i) == '1' || text.charAt(i) == '2';
    private static final MatchStart DAY_OR_WEEKDAY = (text, i) -> DIGIT.at(text, i) || MONTH_OR_WEEKDAY.at(text, i);
    private static final MatchStart CN_TIME_OF_DAY = (text, i) -> "上下晚早凌".indexOf(text.charAt(i)) >= 0;
    private static final MatchStart CN_NUMERAL_START = (text, i) -> "〇零一二三四五六七八九十星礼周上中下晚早凌"
            .indexOf(text.charAt(i)) >= 0;
    private static final List<Candidate> PATTERNS = List.of(new Candidate(ISO, Needs.DIGIT, YEAR_START),
            new Candidate(NUMERIC, Needs.DIGIT, DIGIT),
            // (Tuesday,) March 5(th)(, 2024)( at 2 pm); tokenised text puts a space before the comma: "Dec 30 , 2009"
            new Candidate(Pattern.compile(L + "(?:" + WEEKDAY + " ?,? )?" + MONTH + " " + DAY + "(?: ?,? " + YEAR + ")?" + R
                    + TIME_SUFFIX, FLAGS), Needs.DIGIT_AND_MONTH, MONTH_OR_WEEKDAY),
            // (Tuesday,) 5(th) (of) March( 2024); "Sun, 05 May 2019 13:00:00 GMT"; a deed's "4th day of March, 2019"
            new Candidate(Pattern.compile(L + "(?:" + WEEKDAY_OR_ABBREVIATION + ",? )?" + DAY + " (?:day of |of )?"
                    + MONTH + "(?:,? " + YEAR + ")?" + R + TIME_SUFFIX, FLAGS), Needs.DIGIT_AND_MONTH, DAY_OR_WEEKDAY),
            // 05-MAR-1987, 1-Jan-20: records and forms
            new Candidate(Pattern.compile(L + "(?:[12]\\d|3[01]|0?[1-9])-" + MONTH_WORD + "-(?:" + YEAR + "|\\d{2})"
                    + R, FLAGS), Needs.DIGIT_AND_MONTH, DIGIT),
            // 05/2020: a month and a four-digit year, not the end of a longer date ("3/5/2024")
            new Candidate(MONTH_YEAR, Needs.DIGIT, DIGIT),
            // March 2024
            new Candidate(Pattern.compile(L + MONTH + ",? " + YEAR + R, FLAGS), Needs.DIGIT_AND_MONTH,
                    MONTH_OR_WEEKDAY),
            new Candidate(MONTH_AFTER_CUE, Needs.MONTH, MONTH_OR_WEEKDAY),
            new Candidate(UNAMBIGUOUS_MONTH, Needs.MONTH, MONTH_OR_WEEKDAY),
            new Candidate(FISCAL_PERIOD, Needs.DIGIT, (text, i) -> "QHF".indexOf(text.charAt(i)) >= 0),
            // weekday on its own, in the plural ("closed on Tuesdays") or with its day ("Friday the 13th"), optionally
            // with a time
            new Candidate(Pattern.compile(L + WEEKDAY + "(?:s|,? the (?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th))?" + R
                    + TIME_SUFFIX, FLAGS), Needs.WEEKDAY, MONTH_OR_WEEKDAY),
            // a time of day on its own
            new Candidate(Pattern.compile(L + TIME + R, FLAGS), Needs.DIGIT, DIGIT),
            new Candidate(YEAR_AFTER_CUE, Needs.DIGIT, YEAR_START),
            new Candidate(BARE_YEAR, Needs.DIGIT, YEAR_START),
            // 2024年3月5日, 2024年3月, 3月5日, with an optional time (下午3点30分, 14:30)
            new Candidate(Pattern.compile("(?<!\\d)(?:\\d{4}年(?:\\d{1,2}月(?:\\d{1,2}[日号])?)?|\\d{1,2}月\\d{1,2}[日号])"
                    + "(?:\\s?(?:[上下]午|晚上|早上|凌晨)?\\d{1,2}(?:[:：]\\d{2}|点(?:\\d{1,2}分|半)?))?"), Needs.DIGIT_AND_HAN,
                    DIGIT),
            new Candidate(Pattern.compile("(?:[上下]午|晚上|早上|凌晨)\\d{1,2}点(?:\\d{1,2}分|半)?"), Needs.DIGIT_AND_HAN,
                    CN_TIME_OF_DAY),
            new Candidate(CN_NUMERAL_DATE, Needs.HAN, CN_NUMERAL_START));
    /**
     * What a text must contain for a pattern to match it. Checked with {@code String.contains} and a digit scan before
     * the pattern runs: most texts lack a digit or a month name, and the case-insensitive alternations are the
     * costliest part of a PII scan otherwise.
     */
    private enum Needs { DIGIT, MONTH, DIGIT_AND_MONTH, WEEKDAY, DIGIT_AND_HAN, HAN }

    /** A pattern, what a text needs for it to match anywhere, and where in the text a match can begin. */
    private record Candidate(AnchoredPattern anchored, Needs needs) {
        Candidate(Pattern pattern, Needs needs, MatchStart start) {
            this(new AnchoredPattern(pattern, start), needs);
        }
    }

    private static final ContextCue BIRTH = new ContextCue(
            "\\b(?:born|dob|d\\.o\\.b|date of birth|birth ?date|birthday)\\b|出生|生日", 30);

    @Override
    public PiiType type() {
        return PiiType.DATE_TIME;
    }

    @Override
    public String name() {
        return "date-time";
    }

    @Override
    public List<PiiFinding> find(String text) {
        List<PiiFinding> out = new ArrayList<>();
        boolean digit = hasAsciiDigit(text);
        String lower = text.toLowerCase(Locale.ROOT);
        boolean monthName = MONTH_STEMS.stream().anyMatch(lower::contains);
        boolean month = digit && monthName;
        boolean weekday = lower.contains("day");
        boolean han = Scripts.containsHan(text);
        boolean digitAndHan = digit && han;
        for (Candidate candidate : PATTERNS) {
            boolean possible = switch (candidate.needs()) {
                case DIGIT -> digit;
                case MONTH -> monthName;
                case DIGIT_AND_MONTH -> month;
                case WEEKDAY -> weekday;
                case DIGIT_AND_HAN -> digitAndHan;
                case HAN -> han;
            };
            if (!possible) {
                continue;
            }
            candidate.anchored().forEachMatch(text, m -> {
                if (plausible(text, m)) {
                    PiiType t = BIRTH.before(text, m.start()) ? PiiType.DATE_OF_BIRTH : PiiType.DATE_TIME;
                    out.add(new PiiFinding(t, m.start(), m.end(), 0.8, name()));
                }
            });
        }
        return Overlaps.resolve(out);
    }

    private static boolean hasAsciiDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * Rejects numeric candidates whose month or day cannot exist (13/45/2020, 2024-13-01), and a bare year after an
     * identifier word.
     */
    private static boolean plausible(String text, Matcher m) {
        if (m.pattern() == BARE_YEAR) {
            return !IDENTIFIER_BEFORE.matcher(text).region(Math.max(0, m.start() - 12), m.start()).find();
        }
        if (m.pattern() == ISO) {
            int month = Integer.parseInt(m.group("m"));
            int day = Integer.parseInt(m.group("d"));
            return month >= 1 && month <= 12 && day >= 1 && day <= 31;
        }
        if (m.pattern() == NUMERIC) {
            int a = Integer.parseInt(m.group("a"));
            int b = Integer.parseInt(m.group("b"));
            boolean monthFirst = a >= 1 && a <= 12 && b >= 1 && b <= 31;
            boolean dayFirst = b >= 1 && b <= 12 && a >= 1 && a <= 31;
            // Two-digit years with dots are too often version numbers or scores ("1.2.24"); keep them only with
            // slashes.
            return (monthFirst || dayFirst) && (m.group("y").length() == 4 || !m.group("s").equals("."));
        }
        return true;
    }
}
