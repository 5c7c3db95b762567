package dev.tessera.safety.policy;

import java.util.Objects;

/** One template in both supported languages; policies must give both, so no user gets the other language. */
public record LocalizedText(String en, String zh) {

    public LocalizedText {
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(zh, "zh");
    }

    public String in(Language language) {
        return language == Language.ZH ? zh : en;
    }
}
