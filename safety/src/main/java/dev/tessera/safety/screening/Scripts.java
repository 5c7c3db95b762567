package dev.tessera.safety.screening;

/** Script checks that decide which encoder route a text takes. */
final class Scripts {

    private Scripts() {
    }

    /** Han, kana or Hangul anywhere in the text: the MiniLM vocabulary maps those to [UNK]. */
    static boolean containsCjk(String text) {
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript s = Character.UnicodeScript.of(cp);
            return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                    || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
        });
    }
}
