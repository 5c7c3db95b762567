package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Overlap resolution: validated, then longer, then score, then type order; the result does not depend on input order.
 */
class OverlapsTest {

    private static PiiFinding f(PiiType t, int s, int e, double score) {
        return new PiiFinding(t, s, e, score, "r");
    }

    @Test
    void validatedBeatsLongerAndLongerBeatsShorter() {
        PiiFinding card = f(PiiType.CREDIT_CARD, 10, 26, PiiFinding.VALIDATED);
        PiiFinding address = f(PiiType.STREET_ADDRESS, 0, 40, 0.8);
        PiiFinding phone = f(PiiType.PHONE_NUMBER, 12, 20, 0.8);
        PiiFinding date = f(PiiType.DATE_TIME, 45, 50, 0.8);
        PiiFinding longerDate = f(PiiType.DATE_TIME, 45, 60, 0.7);
        assertEquals(List.of(card, longerDate), Overlaps.resolve(List.of(address, phone, card, date, longerDate)));
    }

    @Test
    void tiesGoToTheMoreSpecificTypeWhateverTheOrder() {
        PiiFinding id = f(PiiType.CN_RESIDENT_ID, 0, 18, 0.99);
        PiiFinding uscc = f(PiiType.CN_USCC, 0, 18, 0.99);
        PiiFinding adjacent = f(PiiType.PHONE_NUMBER, 18, 25, 0.8);
        List<PiiFinding> input = new ArrayList<>(List.of(uscc, adjacent, id));
        for (long seed = 0; seed < 5; seed++) {
            Collections.shuffle(input, new Random(seed));
            assertEquals(List.of(id, adjacent), Overlaps.resolve(input));
        }
    }
}
