package dev.tessera.safety.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PRC unified social credit codes (GB 32100-2015): registration authority (1-9, A, N, Y), entity category (1-9), a
 * 6-digit region code with a valid province prefix, a 9-char organisation code and a mod-31 check character, all
 * from the 31-char set without I, O, Z, S, V.
 */
public final class CnUsccRecognizer extends RegexRecognizer {

    private static final Pattern USCC = Pattern.compile(
            // ASCII boundaries only: the code often follows a Han label directly ("信用代码91350100M000100Y43").
            "(?<![A-Za-z0-9])[1-9ANY][1-9]\\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![A-Za-z0-9])");

    public CnUsccRecognizer() {
        super(PiiType.CN_USCC, "cn-uscc", USCC, (text, i) -> {
            char c = text.charAt(i);
            return c >= '1' && c <= '9' || c == 'A' || c == 'N' || c == 'Y';
        });
    }

    @Override
    PiiFinding validate(String text, Matcher m) {
        String code = m.group();
        if (!CnResidentIdRecognizer.PROVINCES.contains(code.substring(2, 4)) || !Checksums.uscc(code)) {
            return null;
        }
        return finding(m.start(), m.end(), 0.98);
    }
}
