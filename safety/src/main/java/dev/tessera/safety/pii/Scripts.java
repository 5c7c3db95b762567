package dev.tessera.safety.pii;

/**
 * Script checks: which encoder route a text takes (screening), and whether the Chinese PII rules can match at all.
 * Both look at every char only up to U+2E7F, below which no CJK script lies, so Latin text costs a comparison per char.
 */
public final class Scripts {

    /** Below this, no Han, kana or Hangul character. */
    private static final char FIRST_CJK = '\u2E80';

    private Scripts() {
    }

    /** Han, kana or Hangul anywhere in the text: the MiniLM vocabulary maps those to [UNK]. */
    public static boolean containsCjk(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FIRST_CJK) {
                Character.UnicodeScript s = Character.UnicodeScript.of(text.codePointAt(i));
                if (s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A Han character anywhere in the text: what every Chinese name, address and date rule needs. */
    public static boolean containsHan(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FIRST_CJK && Character.UnicodeScript.of(text.codePointAt(i))
                    == Character.UnicodeScript.HAN) {
                return true;
            }
        }
        return false;
    }
}
