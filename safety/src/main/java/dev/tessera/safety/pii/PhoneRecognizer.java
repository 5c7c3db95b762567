package dev.tessera.safety.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers. Formats that are phone numbers on their own are reported as found: international ({@code +} and
 * 8-15 digits), North American ({@code (415) 555-2671}, {@code 415.555.2671}), PRC mobile ({@code 1[3-9]} and 9 more
 * digits, optional +86) and trunk-prefixed national numbers of 10-11 digits ({@code 07700 900 123},
 * {@code (02) 9876 5432}), also inside brackets ("call Ann (415-555-2671)"). Shorter or
 * unusual groupings ({@code 467 3395}, {@code 60-56-85-91}) need a phone word just before ("Phone:", "call me on",
 * "电话") or an "-Office"/"-Fax" style label just after, because without one they are as likely a postcode, a date or
 * an amount.
 */
public final class PhoneRecognizer extends RegexRecognizer {

    /**
     * Digit groups joined by one separator (or a parenthesised area code); possessive groups keep backtracking to the
     * number of groups, so long digit strings cost linear time.
     */
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\w+.\\-])(?:\\+ ?)?(?:\\(\\d{1,4}\\) ?)?\\d++(?:(?:[ .\\-]| ?\\(\\d{1,4}\\) ?)\\d++){0,6}"
                    + "(?: ?(?:x|ext\\.?|#) ?\\d{1,5})?(?![\\w])");
    private static final Pattern NANP = Pattern.compile(
            "(?:\\+?1[ .\\-]?)?(?:\\([2-9]\\d{2}\\) ?|[2-9]\\d{2}[ .\\-]?)[2-9]\\d{2}[ .\\-]?\\d{4}"
                    + "(?: ?(?:x|ext\\.?|#) ?\\d{1,5})?");
    private static final Pattern CN_MOBILE = Pattern.compile("(?:\\+?86[ \\-]?)?1[3-9]\\d[ \\-]?\\d{4}[ \\-]?\\d{4}");
    /** A national number after its trunk prefix, which may stand in brackets: "07700 900 123", "(02) 9876 5432". */
    private static final Pattern TRUNK = Pattern.compile(
            "(?:0\\d{2,4}|\\(0\\d{1,4}\\) ?\\d{2,4})(?:[ .\\-]\\d{2,4}){1,3}");
    private static final ContextCue BEFORE = new ContextCue(
            "\\b(?:phone|tel|telephone|mobile|mob|cell|cellphone|fax|desk|call|calling|text|sms|whatsapp|dial|reach me|"
                    + "registered|answering|contact|(?:my|our|his|her|their) number)\\b|电话|手机|座机|固话|联系|致电|传真", 30);
    private static final ContextCue AFTER = new ContextCue(
            "\\s*(?:-\\s*|\\(\\s*)?(?:office|fax|mobile|home|work|cell|tel)\\b", 12);

    public PhoneRecognizer() {
        super(PiiType.PHONE_NUMBER, "phone", CANDIDATE, (text, i) -> {
            char c = text.charAt(i);
            return AnchoredPattern.isDigit(c) || c == '+' || c == '(';
        });
    }

    @Override
    PiiFinding validate(String text, Matcher m) {
        String s = m.group();
        int ext = extensionStart(s);
        int digits = digitsOf(s.substring(0, ext)).length();
        if (digits < 7 || digits > 15) {
            return null;
        }
        boolean strong = (s.startsWith("+") && digits >= 8)
                || NANP.matcher(s).matches()
                || CN_MOBILE.matcher(s).matches()
                || (TRUNK.matcher(s.substring(0, ext)).matches() && digits >= 10 && digits <= 11);
        if (strong) {
            return finding(m.start(), m.end(), 0.8);
        }
        return BEFORE.before(text, m.start()) || AFTER.after(text, m.end()) ? finding(m.start(), m.end(), 0.7) : null;
    }

    private static int extensionStart(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'x' || c == 'e' || c == '#') {
                return i;
            }
        }
        return s.length();
    }
}
