package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spans are Java char offsets into the caller's original text, whatever normalisation did in between. */
class OffsetsTest {

    private final PiiScanner scanner = PiiScanner.builder().build();

    private List<String> found(String text) {
        return Fixtures.describe(text, scanner.find(text));
    }

    @Test
    void asciiOffsetsAreExact() {
        String text = "Mail bob@example.org or call +1 415-555-2671.";
        List<PiiFinding> f = scanner.find(text);
        assertEquals(2, f.size());
        assertEquals(new PiiFinding(PiiType.EMAIL_ADDRESS, 5, 20, 0.9, "email"), f.get(0));
        assertEquals(29, f.get(1).start());
        assertEquals(44, f.get(1).end());
    }

    @Test
    void fullWidthDigitsMapBackToTheOriginal() {
        String text = "手机：１３８１２３４５６７８，谢谢";
        assertEquals(List.of("PHONE_NUMBER:１３８１２３４５６７８"), found(text));
    }

    @Test
    void zeroWidthCharactersDoNotHideOrShiftAValue() {
        String card = "4111\u200B1111\u200B1111\u200B1111";
        String text = "card " + card + " ok";
        List<PiiFinding> f = Fixtures.ofType(scanner.find(text), PiiType.CREDIT_CARD);
        assertEquals(1, f.size());
        assertEquals(5, f.get(0).start());
        assertEquals(5 + card.length(), f.get(0).end());
    }

    @Test
    void surrogatePairsAndCombiningMarksBeforeAValueKeepOffsets() {
        String text = "😀😀 Zoe\u0301 mail zoe@example.com";
        assertEquals(List.of("EMAIL_ADDRESS:zoe@example.com"), Fixtures.describe(text,
                Fixtures.ofType(scanner.find(text), PiiType.EMAIL_ADDRESS)));
    }

    @Test
    void ligatureExpandedByNormalisationStillMapsToWholeOriginalChars() {
        String text = "ofﬁce@example.com";
        assertEquals(List.of("EMAIL_ADDRESS:ofﬁce@example.com"), found(text));
    }
}
