package dev.tessera.safety.pii;

import java.util.regex.Matcher;

/** PRC bank cards (China UnionPay): 16-19 digits starting 62, Luhn-valid. */
public final class CnBankCardRecognizer extends RegexRecognizer {

    public CnBankCardRecognizer() {
        super(PiiType.CN_BANK_CARD, "cn-bank-card", DigitRuns.RUN, AnchoredPattern.DIGIT);
    }

    @Override
    PiiFinding validate(String text, Matcher m) {
        int[] span = DigitRuns.longest(text, m.start(), m.end(), 16, 19, d -> d.startsWith("62") && Checksums.luhn(d));
        return span == null ? null : finding(span[0], span[1], PiiFinding.VALIDATED);
    }
}
