package dev.tessera.safety.pii;

import java.util.EnumSet;
import java.util.Set;

/**
 * Script checks: which encoder route a text takes (screening), and whether the Chinese PII rules can match at all.
 * Only chars from U+2E80 up have their script looked up (no CJK script lies below), so Latin text costs one
 * comparison per char.
 */
public final class Scripts {

    /** Below this, no Han, kana or Hangul character. */
    private static final char FIRST_CJK = '\u2E80';

    private static final Set<Character.UnicodeScript> CJK = EnumSet.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL);
    private static final Set<Character.UnicodeScript> HAN = EnumSet.of(Character.UnicodeScript.HAN);

    private Scripts() {
    }

    /** Han, kana or Hangul anywhere in the text: the MiniLM vocabulary maps those to [UNK]. */
    public static boolean containsCjk(String text) {
        return containsAny(text, CJK);
    }

    /** A Han character anywhere in the text: what every Chinese name, address and date rule needs. */
    public static boolean containsHan(String text) {
        return containsAny(text, HAN);
    }

    /** A Han, kana or Hangul character (in the Basic Multilingual Plane). */
    static boolean isCjk(char c) {
        return c >= FIRST_CJK && !Character.isSurrogate(c) && CJK.contains(Character.UnicodeScript.of(c));
    }

    /**
     * Whether two adjacent letters are one of Han, kana or Hangul and one of another script: where Chinese or
     * Japanese text meets a Latin name written without a space ("Marek Dunstane在哪些公司担任职务？"), a word ends.
     */
    static boolean scriptsMeet(int before, int after) {
        if (before < FIRST_CJK && after < FIRST_CJK) {
            return false;
        }
        return Character.isLetter(before) && Character.isLetter(after) && isCjk(before) != isCjk(after);
    }

    private static boolean isCjk(int cp) {
        return cp >= FIRST_CJK && CJK.contains(Character.UnicodeScript.of(cp));
    }

    private static boolean containsAny(String text, Set<Character.UnicodeScript> scripts) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FIRST_CJK && scripts.contains(Character.UnicodeScript.of(text.codePointAt(i)))) {
                return true;
            }
        }
        return false;
    }
}
