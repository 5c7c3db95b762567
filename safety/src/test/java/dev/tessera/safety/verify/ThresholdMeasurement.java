package dev.tessera.safety.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The measurement behind a grounding threshold: every paraphrase of the evidence must clear it and every invented
 * sentence stay under it. The printed scores are the figures quoted on the threshold's constant.
 */
final class ThresholdMeasurement {

    private ThresholdMeasurement() {
    }

    static void assertSeparates(String label, double threshold, List<String> supported, List<String> unsupported,
            ToDoubleFunction<String> score) {
        List<Double> good = supported.stream().map(score::applyAsDouble).toList();
        List<Double> bad = unsupported.stream().map(score::applyAsDouble).toList();
        double minGood = good.stream().mapToDouble(d -> d).min().orElseThrow();
        double maxBad = bad.stream().mapToDouble(d -> d).max().orElseThrow();
        System.out.printf("%s threshold measurement: supported %s%n  unsupported %s%n  min supported %.3f, "
                + "max unsupported %.3f%n", label, good, bad, minGood, maxBad);
        assertTrue(minGood >= threshold, "a paraphrase fell below " + threshold + ": " + good);
        assertTrue(maxBad < threshold, "an invention cleared " + threshold + ": " + bad);
    }
}
