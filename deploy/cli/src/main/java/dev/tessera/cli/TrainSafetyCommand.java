package dev.tessera.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.screening.ScreeningEncoders;
import dev.tessera.safety.screening.ScreeningTraining;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Retrains the Layer 1 screening heads (injection, toxicity, scope) from {@code ../shared/data} and writes the
 * ONNX files and model cards into the safety module's resources, so the shipped heads are reproducible.
 */
@Command(name = "safety-heads", mixinStandardHelpOptions = true,
        description = "Train and evaluate the safety screening heads; writes ONNX + model cards; ends with RESULT {json}.")
final class TrainSafetyCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Prepared datasets directory. Default: ../shared/data beside the checkout.")
    Path data;

    @Option(names = "--out", defaultValue = "safety/src/main/resources/dev/tessera/safety/models",
            description = "Where the heads and cards go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path shared = data != null ? data : SharedData.root().orElseThrow(() -> new IllegalArgumentException(
                "../shared/data not found; pass --data or set TESSERA_SHARED_DATA"));
        ScreeningTraining.Result r;
        try (ScreeningEncoders encoders = ScreeningEncoders.cpu()) {
            r = new ScreeningTraining(encoders, System.out::println).run(shared, out);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        r.injection().metrics("injection_").forEach(result::put);
        result.put("injection_threshold", r.injectionThreshold());
        result.put("injection_route", r.route());
        r.chineseInjection().metrics("injection_zh_").forEach(result::put);
        result.put("toxicity_macro_f1", r.toxicity().macroF1());
        new TreeMap<>(r.toxicity().flagged()).forEach((source, share) ->
                result.put("toxicity_flagged." + source, share));
        result.put("scope_loo_accuracy", r.scope().leaveOneOutAccuracy());
        result.put("scope_test_accuracy", r.scope().test().accuracy());
        result.put("scope_test_refused", r.scope().test().refusedRate());
        result.put("scope_test_off_topic_taken", r.scope().test().offTopicTakenRate());
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        return 0;
    }
}
