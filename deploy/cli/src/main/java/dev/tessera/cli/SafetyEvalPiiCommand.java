package dev.tessera.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.pii.LabeledText;
import dev.tessera.safety.pii.PiiEvaluation;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.safety.pii.PiiTagger;
import dev.tessera.sdk.encoder.OnnxEncoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Layer-1 PII screening against a labelled set (default: the test split of the Presidio synthetic set in
 * ../shared/data): per-type precision, recall and F1 (exact span and overlap), micro-averaged over the claimed types,
 * and latency per KB. Runs both taggers: the sparse one (layer 1 proper, no encoder) and the MiniLM one.
 */
@Command(name = "eval-pii", mixinStandardHelpOptions = true,
        description = "Evaluate PII screening (per-type P/R/F1, exact and overlap; latency per KB); ends with "
                + "RESULT {json}.")
final class SafetyEvalPiiCommand implements Callable<Integer> {

    @Option(names = "--data", description = "JSON lines {text, spans:[{type,start,end}]}. Default: "
            + "../shared/data/safety/pii_synthetic/test.jsonl.")
    Path data;

    @Option(names = "--encoder", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also evaluate the all-MiniLM-L6-v2 tagger (default: ${DEFAULT-VALUE}).")
    boolean encoder;

    @Option(names = "--latency-rounds", defaultValue = "20",
            description = "Timed passes over the 1 KB chunks (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Path file = data != null ? data : SafetyCommand.sharedPiiSplit("test");
        List<LabeledText> texts = LabeledText.readJsonLines(file);
        List<String> raw = texts.stream().map(LabeledText::text).toList();
        PiiEvaluation evaluation = PiiEvaluation.presidio();
        System.out.printf(Locale.ROOT, "data: %s (%d texts); claimed types: %s%n", file, texts.size(),
                evaluation.claimed().stream().sorted().toList());

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", file.toString());
        PiiScanner sparse = PiiScanner.builder().build();
        PiiEvaluation.Report sparseReport = evaluation.evaluate(sparse, texts);
        System.out.printf(Locale.ROOT, "%n== layer 1, sparse tagger (no encoder) ==%n%s", sparseReport.table());
        PiiEvaluation.Latency latency = PiiEvaluation.latency(sparse, raw, 1024, rounds);
        System.out.printf(Locale.ROOT, "latency per KB: p50 %.3f ms, p99 %.3f ms, mean %.3f ms (%d chunks x %d rounds)%n",
                latency.p50MsPerKb(), latency.p99MsPerKb(), latency.meanMsPerKb(), latency.chunks(), latency.rounds());

        PiiScanner withStatic = PiiScanner.builder().tagger(PiiTagger.bundledWithStaticVectors()).build();
        PiiEvaluation.Report staticReport = evaluation.evaluate(withStatic, texts);
        System.out.printf(Locale.ROOT, "%n== layer 1, MiniLM input-embedding tagger (no encoder pass) ==%n%s",
                staticReport.table());
        PiiEvaluation.Latency staticLatency = PiiEvaluation.latency(withStatic, raw, 1024, rounds);
        System.out.printf(Locale.ROOT, "latency per KB: p50 %.3f ms, p99 %.3f ms, mean %.3f ms (%d chunks x %d rounds)%n",
                staticLatency.p50MsPerKb(), staticLatency.p99MsPerKb(), staticLatency.meanMsPerKb(),
                staticLatency.chunks(), staticLatency.rounds());

        PiiEvaluation.Report headline = sparseReport;
        String config = "sparse";
        if (encoder) {
            try (OnnxEncoder enc = SafetyCommand.loadTaggerEncoder()) {
                PiiScanner withEncoder = PiiScanner.builder().tagger(PiiTagger.bundledWithEncoder(enc)).build();
                PiiEvaluation.Report encoderReport = evaluation.evaluate(withEncoder, texts);
                System.out.printf(Locale.ROOT, "%n== layer 1, MiniLM tagger (encoder for PERSON/STREET_ADDRESS) ==%n%s",
                        encoderReport.table());
                PiiEvaluation.Latency encLatency = PiiEvaluation.latency(withEncoder, raw, 1024, Math.max(1, rounds / 5));
                System.out.printf(Locale.ROOT, "latency per KB: p50 %.3f ms, p99 %.3f ms, mean %.3f ms%n",
                        encLatency.p50MsPerKb(), encLatency.p99MsPerKb(), encLatency.meanMsPerKb());
                headline = encoderReport;
                config = "minilm";
                result.put("pii_encoder_p50_ms_per_kb", round(encLatency.p50MsPerKb()));
                result.put("pii_encoder_p99_ms_per_kb", round(encLatency.p99MsPerKb()));
            }
        }
        result.put("pii_config", config);
        result.putAll(headline.toMap());
        PiiEvaluation.AddressConvention convention = evaluation.addressConvention(texts,
                PiiEvaluation.PRESIDIO_ADDRESS_PARTS);
        System.out.printf(Locale.ROOT, "%nexact-span ceiling, one span per address (perfect otherwise): micro F1 %.4f;"
                        + " %d of %d gold STREET_ADDRESS spans lie in the %d of %d addresses labelled in parts%n",
                convention.oracle().microExact().f1(), convention.spansInSplitAddresses(), convention.goldAddressSpans(),
                convention.splitAddresses(), convention.addresses());
        result.put("pii_f1_ceiling_one_span_per_address", round(convention.oracle().microExact().f1()));
        result.put("pii_f1_no_encoder", sparseReport.toMap().get("pii_f1"));
        result.put("pii_f1_overlap_no_encoder", sparseReport.toMap().get("pii_f1_overlap"));
        result.put("per_type_no_encoder", sparseReport.toMap().get("per_type"));
        result.put("pii_f1_static", staticReport.toMap().get("pii_f1"));
        result.put("pii_f1_overlap_static", staticReport.toMap().get("pii_f1_overlap"));
        result.put("per_type_static", staticReport.toMap().get("per_type"));
        result.put("layer1_pii_static_p50_ms_per_kb", round(staticLatency.p50MsPerKb()));
        result.put("layer1_pii_static_p99_ms_per_kb", round(staticLatency.p99MsPerKb()));
        result.put("layer1_pii_p50_ms_per_kb", round(latency.p50MsPerKb()));
        result.put("layer1_pii_p99_ms_per_kb", round(latency.p99MsPerKb()));
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
