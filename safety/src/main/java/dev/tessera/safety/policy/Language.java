package dev.tessera.safety.policy;

/** The language a decision's templates (disclaimer, emergency message, refusal) are written in. */
public enum Language {
    EN, ZH;

    /**
     * ZH when the text holds any Han, kana or Hangul character, else EN. One CJK character is enough: a mixed answer
     * is far more likely read by a Chinese-speaking user than the reverse.
     */
    public static Language detect(String text) {
        return text != null && text.codePoints().anyMatch(Language::isCjk) ? ZH : EN;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}
