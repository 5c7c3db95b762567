package dev.tessera.safety.pii;

import java.util.regex.Pattern;

/**
 * Words that, shortly before a candidate, make a weak pattern credible ("Phone:", "born on", "卡号"). Looked up in a
 * bounded window so the cost per candidate stays constant.
 */
final class ContextCue {

    private final Pattern cue;
    private final int window;

    /** @param regex matched ASCII-case-insensitively anywhere in the window; use {@code \b} for whole words */
    ContextCue(String regex, int window) {
        this.cue = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        this.window = window;
    }

    boolean before(String text, int start) {
        return cue.matcher(text).region(Math.max(0, start - window), start).find();
    }

    boolean after(String text, int end) {
        return cue.matcher(text).region(end, Math.min(text.length(), end + window)).lookingAt();
    }
}
