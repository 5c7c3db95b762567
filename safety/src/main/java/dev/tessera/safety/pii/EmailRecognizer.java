package dev.tessera.safety.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Email addresses: a dot-atom local part, then a domain of labels ending in an alphabetic top-level label. */
public final class EmailRecognizer extends RegexRecognizer {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+\\-])[\\p{L}\\p{N}._%+\\-]{1,64}@"
                    + "(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?\\.){1,8}\\p{L}{2,24}"
                    + "(?![\\p{L}\\p{N}\\-])");

    public EmailRecognizer() {
        super(PiiType.EMAIL_ADDRESS, "email", EMAIL, EmailRecognizer::localPartBeforeAt);
    }

    /**
     * A match begins a run of 1 to 64 local-part characters that the text does not continue to the left and that
     * ends at an '@': most words fail at their first non-letter. A surrogate counts as a local-part character, so a
     * letter outside the BMP never makes this test reject a position the pattern would accept.
     */
    private static boolean localPartBeforeAt(String text, int i) {
        if (!isLocalPart(text.charAt(i)) || i > 0 && isLocalPart(text.charAt(i - 1))
                && !Character.isSurrogate(text.charAt(i - 1))) {
            return false;
        }
        int end = i;
        while (end < text.length() && end - i <= 64 && isLocalPart(text.charAt(end))) {
            end++;
        }
        return end < text.length() && end - i <= 64 && text.charAt(end) == '@';
    }

    private static boolean isLocalPart(char c) {
        if (Character.isLetter(c) || Character.isSurrogate(c) || "._%+-".indexOf(c) >= 0) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /**
     * Chinese text writes a label right against the address: "邮箱wangfang@lawfirm.cn联系". Han, kana or Hangul before
     * a Latin local part, or after a Latin top-level label, is the sentence's, not the address's; an address written
     * in those scripts throughout stays whole.
     */
    @Override
    PiiFinding validate(String text, Matcher m) {
        int at = text.indexOf('@', m.start());
        int start = m.start();
        for (int i = at - 2; i >= start; i--) {
            if (Scripts.isCjk(text.charAt(i)) && !Scripts.isCjk(text.charAt(i + 1))) {
                start = i + 1;
                break;
            }
        }
        int end = m.end();
        int topLevel = text.lastIndexOf('.', end - 1) + 1;
        for (int i = topLevel + 1; i < end; i++) {
            if (Scripts.isCjk(text.charAt(i)) && !Scripts.isCjk(text.charAt(i - 1))) {
                end = i;
                break;
            }
        }
        String local = text.substring(start, at);
        // RFC 5321 dot-atom: no leading, trailing or doubled dot.
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..") || end - topLevel < 2) {
            return null;
        }
        return finding(start, end, 0.9);
    }
}
