package dev.tessera.safety.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tessera.safety.SharedTestData;
import dev.tessera.sdk.head.Prediction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped heads reproduce the test-split figures in their model cards (within a small margin) when the
 * prepared datasets ({@code ../shared/data}, or {@code $TESSERA_SHARED_DATA}) are present; skipped otherwise.
 */
class TestSplitEvaluationTest {

    private static final double MARGIN = 0.02;
    private static final int TOXICITY_STRIDE = 3;
    private static final int BENIGN_STRIDE = 3;
    private static final double TOXICITY_SUBSAMPLE_MARGIN = 0.04;

    @Test
    void injectionAndToxicityMeetTheirCards() {
        Path shared = SharedTestData.dir();
        assumeTrue(ScreeningDatasets.present(shared),
                "../shared/data (safety and legal/finance test sets) not found (set TESSERA_SHARED_DATA): test-split evaluation skipped");
        try (ScreeningEncoders encoders = ScreeningEncoders.cpu();
             InjectionDetector injection = InjectionDetector.load(encoders, TextNormalizer.defaults());
             ToxicityClassifier toxicity = ToxicityClassifier.load(encoders, TextNormalizer.defaults())) {
            InjectionDetector.Config config = ShippedModels.json(ShippedModels.INJECTION_CONFIG,
                    InjectionDetector.Config.class);
            Map<String, Double> card = ShippedModels.card(config.defaultHead()).metrics();
            // Every 3rd benign domain clause (about 1,050 of 3,150) keeps this test fast; the card counts them all.
            InjectionReport report = ScreeningTraining.evaluateInjection(injection, shared, BENIGN_STRIDE);
            BinaryMetrics m = report.overall();
            assertTrue(m.f1() >= card.get("test.f1") - MARGIN, "injection F1 " + m.f1() + " vs card " + card);
            assertTrue(m.falsePositiveRate() <= card.get("test.fpr") + MARGIN,
                    "injection FPR " + m.falsePositiveRate() + " vs card " + card);
            // The prompt-injection texts are all scored, so their own false-positive rate must match exactly.
            assertEquals(card.get("test.fpr.prompt_injections"),
                    report.bySource().get(ScreeningDatasets.PROMPT_INJECTIONS).falsePositiveRate(), 1e-9);
            // Every 3rd test tweet (1,650 of 4,950) keeps this test fast; the subsample adds sampling noise, so
            // its margin is wider. The CLI reports the whole split.
            double toxF1 = ScreeningTraining.evaluateToxicity(toxicity, shared, TOXICITY_STRIDE);
            double toxCard = ShippedModels.card(ShippedModels.TOXICITY_HEAD).metrics().get("test.macro_f1");
            assertTrue(toxF1 >= toxCard - TOXICITY_SUBSAMPLE_MARGIN,
                    "toxicity macro-F1 (every " + TOXICITY_STRIDE + "th) " + toxF1 + " vs card " + toxCard);
            // Benign domain text is what the services are sent: the head must not call it toxic more often than its
            // card says (every 3rd text of each source, as for injection above).
            Map<String, Double> toxMetrics = ShippedModels.card(ShippedModels.TOXICITY_HEAD).metrics();
            List<ScreeningDatasets.Sourced> benign = ScreeningDatasets.injectionEvaluation(shared, "test", BENIGN_STRIDE)
                    .stream().filter(x -> ScreeningDatasets.EVALUATION_BENIGN.contains(x.source())).toList();
            ToxicityFalseAlarms alarms = ToxicityFalseAlarms.of(
                    benign.stream().map(ScreeningDatasets.Sourced::source).toList(),
                    toxicity.classifyAll(benign.stream().map(x -> x.example().text()).toList()).stream()
                            .map(Prediction::topLabel).toList());
            for (String source : ScreeningDatasets.EVALUATION_BENIGN) {
                double flagged = alarms.bySource().get(source);
                Double cardShare = toxMetrics.get("test.flagged." + ScreeningDatasets.shortName(source));
                assertTrue(cardShare != null && flagged <= cardShare + MARGIN,
                        source + ": " + flagged + " of benign texts flagged toxic vs card " + toxMetrics);
            }
        }
    }

}
