package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster bootstrap on hand-made per-text counts. */
class TemplateBootstrapTest {

    private static final PiiEvaluation.Scores RIGHT = new PiiEvaluation.Scores(1, 1, 1, 1);
    private static final PiiEvaluation.Scores FALSE_ALARM = new PiiEvaluation.Scores(1, 0, 0, 0);

    @Test
    void aSetWithoutErrorsHasAPointInterval() {
        TemplateBootstrap b = TemplateBootstrap.perText(5, 200, 1);
        TemplateBootstrap.Interval i = b.microF1(List.of(RIGHT, RIGHT, RIGHT, RIGHT, RIGHT));
        assertEquals(new TemplateBootstrap.Interval(1, 1, 1, 5), i);
    }

    @Test
    void errorsThatShareATemplateWidenTheInterval() {
        // 40 texts, each right once; 8 false alarms. Spread over 8 templates, or all in one of 8 templates.
        List<PiiEvaluation.Scores> perText = new ArrayList<>();
        int[] spread = new int[48];
        int[] together = new int[48];
        for (int i = 0; i < 40; i++) {
            perText.add(RIGHT);
            spread[i] = i % 8;
            together[i] = 1 + i % 7;
        }
        for (int i = 40; i < 48; i++) {
            perText.add(FALSE_ALARM);
            spread[i] = i % 8;
            together[i] = 0;
        }
        TemplateBootstrap.Interval even = TemplateBootstrap.of(spread, 2_000, 7).microF1(perText);
        TemplateBootstrap.Interval clustered = TemplateBootstrap.of(together, 2_000, 7).microF1(perText);
        double f1 = 2.0 * 40 / (48 + 40);
        assertEquals(f1, even.estimate(), 1e-12);
        assertEquals(f1, clustered.estimate(), 1e-12);
        assertEquals(8, clustered.clusters());
        // Each of the spread templates has the same share of false alarms, so every resample has the same F1.
        assertEquals(f1, even.low(), 1e-12);
        assertEquals(f1, even.high(), 1e-12);
        assertTrue(clustered.low() < f1 - 0.02 && clustered.high() > f1 + 0.02, clustered.toString());
        assertEquals(clustered, TemplateBootstrap.of(together, 2_000, 7).microF1(perText), "same seed, same interval");
    }

    @Test
    void pairedDifferenceOfAFixOnlyOneTemplateNeeded() {
        // The candidate removes the false alarms of one template; the baseline has them.
        List<PiiEvaluation.Scores> baseline = new ArrayList<>();
        List<PiiEvaluation.Scores> candidate = new ArrayList<>();
        int[] templates = new int[30];
        for (int i = 0; i < 30; i++) {
            templates[i] = i % 10;
            baseline.add(i % 10 == 0 ? new PiiEvaluation.Scores(2, 1, 1, 1) : RIGHT);
            candidate.add(RIGHT);
        }
        TemplateBootstrap b = TemplateBootstrap.of(templates, 1_000, 3);
        TemplateBootstrap.Interval d = b.difference(baseline, candidate);
        assertTrue(d.estimate() > 0, d.toString());
        assertTrue(d.low() >= 0, "never worse on a resample: " + d);
        assertTrue(d.high() > d.estimate(), d.toString());
        assertEquals(new TemplateBootstrap.Interval(0, 0, 0, 10), b.difference(baseline, baseline));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TemplateBootstrap.of(new int[0], 1_000, 1));
        assertThrows(IllegalArgumentException.class, () -> TemplateBootstrap.perText(3, 10, 1));
        TemplateBootstrap b = TemplateBootstrap.perText(3, 100, 1);
        assertThrows(IllegalArgumentException.class, () -> b.microF1(List.of(RIGHT)));
    }

    @Test
    void reportsKeepEachTextsCounts() {
        List<LabeledText> data = List.of(
                new LabeledText("Ann Lee called", List.of(new LabeledText.Span("PERSON", 0, 7))),
                new LabeledText("nobody here", List.of()));
        PiiEvaluation.Report r = PiiEvaluation.presidio().evaluate(
                t -> t.startsWith("Ann") ? List.of(new PiiFinding(PiiType.PERSON, 0, 7, 1, "t"))
                        : List.of(new PiiFinding(PiiType.PERSON, 0, 6, 1, "t")), data);
        assertEquals(List.of(RIGHT, FALSE_ALARM), r.microExactPerText());
        assertEquals(r.microExact(), r.microExactPerText().get(0).plus(r.microExactPerText().get(1)));
    }
}
