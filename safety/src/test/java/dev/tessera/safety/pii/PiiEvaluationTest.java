package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scoring arithmetic on hand-made gold and predictions. */
class PiiEvaluationTest {

    private static final String TEXT = "Ann Lee and Bob Ray met on Tuesday at 5 Main St";

    @Test
    void exactAndOverlapScores() {
        LabeledText gold = new LabeledText(TEXT, List.of(
                new LabeledText.Span("PERSON", 0, 7), new LabeledText.Span("PERSON", 12, 19),
                new LabeledText.Span("DATE_TIME", 27, 34), new LabeledText.Span("STREET_ADDRESS", 38, 47),
                new LabeledText.Span("ORGANIZATION", 0, 3)));
        List<PiiFinding> predicted = List.of(
                new PiiFinding(PiiType.PERSON, 0, 7, 0.9, "t"),          // exact
                new PiiFinding(PiiType.PERSON, 12, 15, 0.9, "t"),        // overlap only
                new PiiFinding(PiiType.DATE_OF_BIRTH, 27, 34, 0.9, "t"), // scored as DATE_TIME
                new PiiFinding(PiiType.PHONE_NUMBER, 40, 47, 0.9, "t"),  // false positive
                new PiiFinding(PiiType.CN_USCC, 0, 3, 0.9, "t"));        // unclaimed: ignored
        PiiEvaluation eval = new PiiEvaluation(PiiEvaluation.PRESIDIO_TYPES, EnumSet.of(PiiType.PERSON,
                PiiType.DATE_TIME, PiiType.STREET_ADDRESS, PiiType.PHONE_NUMBER));
        PiiEvaluation.Report r = eval.evaluate(t -> predicted, List.of(gold));

        assertEquals(new PiiEvaluation.Scores(2, 1, 2, 1), r.exact().get(PiiType.PERSON));
        assertEquals(new PiiEvaluation.Scores(2, 2, 2, 2), r.overlap().get(PiiType.PERSON));
        assertEquals(1.0, r.exact().get(PiiType.DATE_TIME).f1());
        assertEquals(new PiiEvaluation.Scores(0, 0, 1, 0), r.exact().get(PiiType.STREET_ADDRESS));
        assertEquals(new PiiEvaluation.Scores(1, 0, 0, 0), r.exact().get(PiiType.PHONE_NUMBER));
        // micro exact: 4 predicted, 2 right; 4 gold, 2 found
        assertEquals(new PiiEvaluation.Scores(4, 2, 4, 2), r.microExact());
        assertEquals(0.5, r.microExact().f1(), 1e-9);
        assertEquals(0.75, r.microOverlap().precision(), 1e-9);
        assertEquals(0.75, r.microOverlap().recall(), 1e-9);
        Map<String, Object> m = r.toMap();
        assertEquals(0.5, m.get("pii_f1"));
        assertEquals(0.75, m.get("pii_f1_overlap"));
    }

    @Test
    void duplicatePredictionsCountOnceForRecallAndAgainstPrecision() {
        LabeledText gold = new LabeledText(TEXT, List.of(new LabeledText.Span("PERSON", 0, 7)));
        List<PiiFinding> twice = List.of(new PiiFinding(PiiType.PERSON, 0, 7, 0.9, "a"),
                new PiiFinding(PiiType.PERSON, 0, 7, 0.9, "b"));
        PiiEvaluation.Report r = PiiEvaluation.presidio().evaluate(t -> twice, List.of(gold));
        assertEquals(new PiiEvaluation.Scores(2, 1, 1, 1), r.exact().get(PiiType.PERSON));
    }

    @Test
    void addressConventionCeilingScoresOneSpanPerAddress() {
        // One address filled in whole, one composed of parts (number, street, city, postcode) as the generator does.
        String whole = "Meet me at 12 Oak Lane, Springfield 4411";
        String parts = "Ann Lee lives at 12 Oak Lane, Springfield 4411";
        LabeledText a = new LabeledText(whole, List.of(new LabeledText.Span("STREET_ADDRESS", 11, 40)));
        LabeledText b = new LabeledText(parts, List.of(new LabeledText.Span("PERSON", 0, 7),
                new LabeledText.Span("STREET_ADDRESS", 17, 19), new LabeledText.Span("STREET_ADDRESS", 20, 28),
                new LabeledText.Span("GPE", 30, 41), new LabeledText.Span("ZIP_CODE", 42, 46)));

        PiiEvaluation.AddressConvention c = PiiEvaluation.presidio()
                .addressConvention(List.of(a, b), PiiEvaluation.PRESIDIO_ADDRESS_PARTS);

        assertEquals(3, c.goldAddressSpans());
        assertEquals(2, c.addresses());
        assertEquals(1, c.splitAddresses());
        assertEquals(2, c.spansInSplitAddresses());
        // The oracle finds the whole address and the person; the composed address costs both its parts.
        assertEquals(new PiiEvaluation.Scores(2, 1, 3, 1), c.oracle().exact().get(PiiType.STREET_ADDRESS));
        assertEquals(new PiiEvaluation.Scores(1, 1, 1, 1), c.oracle().exact().get(PiiType.PERSON));
        assertEquals(new PiiEvaluation.Scores(3, 2, 4, 2), c.oracle().microExact());
    }
}
