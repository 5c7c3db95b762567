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
        super(PiiType.EMAIL_ADDRESS, "email", EMAIL);
    }

    @Override
    PiiFinding validate(String text, Matcher m) {
        int at = text.indexOf('@', m.start());
        String local = text.substring(m.start(), at);
        // RFC 5321 dot-atom: no leading, trailing or doubled dot.
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return null;
        }
        return finding(m.start(), m.end(), 0.9);
    }
}
