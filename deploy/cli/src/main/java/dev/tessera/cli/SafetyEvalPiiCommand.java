package dev.tessera.cli;

import dev.tessera.safety.pii.LabeledText;
import dev.tessera.safety.pii.PiiEvaluation;
import dev.tessera.safety.pii.PiiFinding;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.safety.pii.PiiTagger;
import dev.tessera.safety.pii.TemplateBootstrap;
import dev.tessera.safety.pii.TemplateGroups;
import dev.tessera.safety.screening.ScreeningDatasets;
import dev.tessera.sdk.encoder.OnnxEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Layer-1 PII screening against a labelled set (default: the test split of the Presidio synthetic set in
 * ../shared/data): per-type precision, recall and F1 (exact span and overlap), micro-averaged over the claimed types,
 * and latency per KB. Runs layer 1's default tagger (MiniLM input embeddings, no encoder pass), the plain tagger and,
 * unless --no-encoder, the tagger on MiniLM token states.
 */
@Command(name = "eval-pii", mixinStandardHelpOptions = true,
        description = "Evaluate PII screening (per-type P/R/F1, exact and overlap; latency per KB); ends with "
                + "RESULT {json}.")
final class SafetyEvalPiiCommand implements Callable<Integer> {

    @Option(names = "--data", description = "JSON lines {text, spans:[{type,start,end}]}. Default: "
            + "../shared/data/safety/pii_synthetic/test.jsonl.")
    Path data;

    @Option(names = "--encoder", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also evaluate the tagger on all-MiniLM-L6-v2 token states, one encoder pass per text "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean encoder;

    @Option(names = "--domain-text", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also count the default tagger's findings on the services' own text, which holds few "
                    + "people or addresses: the test splits of CUAD clauses, Terms-of-Service clauses and PhraseBank "
                    + "under ../shared/data (default: ${DEFAULT-VALUE}; skipped when absent).")
    boolean domainText;

    @Option(names = "--templates", description = "Generator templates, to group the texts by the template that wrote "
            + "them for the confidence intervals. Default: templates.txt beside the data; without it, texts are "
            + "resampled one by one.")
    Path templates;

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
        PiiScanner defaultScanner = PiiScanner.builder().build();
        Scored layer1 = score("layer 1, default tagger (MiniLM input embeddings, no encoder pass)", defaultScanner,
                evaluation, texts, raw, rounds);
        Scored plain = score("plain tagger (PiiTagger.bundled(): lexicons, no model files)",
                PiiScanner.builder().tagger(PiiTagger.bundled()).build(), evaluation, texts, raw, rounds);

        PiiEvaluation.Report headline = layer1.report();
        String config = "static";
        Scored tokenStates = null;
        if (encoder) {
            try (OnnxEncoder enc = SafetyCommand.loadTaggerEncoder()) {
                tokenStates = score("MiniLM token-state tagger (one encoder pass per text)",
                        PiiScanner.builder().tagger(PiiTagger.bundledWithEncoder(enc)).build(), evaluation, texts, raw,
                        Math.max(1, rounds / 5));
                headline = tokenStates.report();
                config = "minilm";
                result.put("pii_encoder_p50_ms_per_kb", ResultLine.round(tokenStates.latency().p50MsPerKb()));
                result.put("pii_encoder_p99_ms_per_kb", ResultLine.round(tokenStates.latency().p99MsPerKb()));
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
        result.put("pii_f1_ceiling_one_span_per_address", ResultLine.round(convention.oracle().microExact().f1()));
        TemplateBootstrap bootstrap = bootstrap(file, texts);
        result.put("pii_f1_ci95_clusters", bootstrap.clusters());
        Map<String, TemplateBootstrap.Interval> intervals = intervals(bootstrap, layer1, plain, tokenStates);
        result.put("pii_f1_ci95", intervals.get(config).bounds());
        result.put("pii_f1_ci95_no_encoder", intervals.get("static").bounds());
        Map<String, Object> layer1Figures = layer1.report().toMap();
        Map<String, Object> plainFigures = plain.report().toMap();
        result.put("pii_f1_no_encoder", layer1Figures.get("pii_f1"));
        result.put("pii_f1_overlap_no_encoder", layer1Figures.get("pii_f1_overlap"));
        result.put("per_type_no_encoder", layer1Figures.get("per_type"));
        result.put("pii_f1_plain", plainFigures.get("pii_f1"));
        result.put("pii_f1_overlap_plain", plainFigures.get("pii_f1_overlap"));
        result.put("layer1_pii_p50_ms_per_kb", ResultLine.round(layer1.latency().p50MsPerKb()));
        result.put("layer1_pii_p99_ms_per_kb", ResultLine.round(layer1.latency().p99MsPerKb()));
        result.put("plain_pii_p50_ms_per_kb", ResultLine.round(plain.latency().p50MsPerKb()));
        result.put("plain_pii_p99_ms_per_kb", ResultLine.round(plain.latency().p99MsPerKb()));
        if (domainText) {
            domainFindings(defaultScanner).ifPresent(figures -> result.put("domain_findings_per_1k", figures));
        }
        ResultLine.print(result);
        return 0;
    }

    private record Scored(PiiEvaluation.Report report, PiiEvaluation.Latency latency) {
    }

    /** Groups the texts by generator template when the templates are at hand, else resamples texts singly. */
    private TemplateBootstrap bootstrap(Path file, List<LabeledText> texts) {
        Path templateFile = templates != null ? templates : TemplateGroups.besideData(file);
        if (templates == null && !Files.isRegularFile(templateFile)) {
            System.out.printf(Locale.ROOT, "%n(no %s: the intervals resample texts one by one, which understates "
                    + "their spread when texts share templates)%n", templateFile);
            return TemplateBootstrap.perText(texts.size());
        }
        int[] groups = TemplateGroups.read(templateFile).groups(texts);
        return TemplateBootstrap.of(groups);
    }

    /**
     * Prints each tagger's micro exact F1 with its 95% interval, and the paired difference of the encoder tagger
     * from the default; returns the intervals by RESULT config name.
     */
    private static Map<String, TemplateBootstrap.Interval> intervals(TemplateBootstrap bootstrap, Scored layer1,
                                                                     Scored plain, Scored tokenStates) {
        System.out.printf(Locale.ROOT, "%nmicro exact F1, 95%% interval (bootstrap over %d clusters of texts, "
                + "%,d resamples):%n", bootstrap.clusters(), TemplateBootstrap.DEFAULT_RESAMPLES);
        Map<String, TemplateBootstrap.Interval> out = new LinkedHashMap<>();
        out.put("static", print(bootstrap, "default", layer1));
        out.put("plain", print(bootstrap, "plain", plain));
        if (tokenStates != null) {
            out.put("minilm", print(bootstrap, "token states", tokenStates));
            TemplateBootstrap.Interval d = bootstrap.difference(layer1.report().microExactPerText(),
                    tokenStates.report().microExactPerText());
            System.out.printf(Locale.ROOT, "  %-24s %+.3f  [%+.3f, %+.3f]%n", "token states - default",
                    d.estimate(), d.low(), d.high());
        }
        return out;
    }

    private static TemplateBootstrap.Interval print(TemplateBootstrap bootstrap, String name, Scored scored) {
        TemplateBootstrap.Interval i = bootstrap.microF1(scored.report().microExactPerText());
        System.out.printf(Locale.ROOT, "  %-24s %.3f  [%.3f, %.3f]%n", name, i.estimate(), i.low(), i.high());
        return i;
    }

    /**
     * Findings per 1,000 texts, by type, on each benign domain source's test split. These texts have no PII labels;
     * contracts name some real parties and signatories, but most PERSON and STREET_ADDRESS findings there are company
     * names, defined terms and section numbers, so the figure bounds those false positives from above.
     */
    private static Optional<Map<String, Object>> domainFindings(PiiScanner scanner) {
        Optional<Path> shared = SharedData.root();
        if (shared.isEmpty() || !ScreeningDatasets.EVALUATION_BENIGN.stream()
                .allMatch(s -> Files.isRegularFile(shared.get().resolve(s + "/test.jsonl")))) {
            System.out.println("\n(domain text skipped: no CUAD, Terms-of-Service and PhraseBank test splits under "
                    + "../shared/data)");
            return Optional.empty();
        }
        System.out.printf(Locale.ROOT, "%n== default tagger on the services' own text (no PII labels): findings per "
                + "1,000 texts ==%n%-14s %6s %8s %8s %8s %8s%n", "source", "texts", "PERSON", "ADDRESS", "DATE",
                "other");
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String source : ScreeningDatasets.EVALUATION_BENIGN) {
            List<String> domainTexts = ScreeningDatasets.benignTexts(shared.get(), source, "test");
            Map<String, Integer> counts = new TreeMap<>();
            for (String text : domainTexts) {
                for (PiiFinding f : scanner.find(text)) {
                    counts.merge(f.type().name(), 1, Integer::sum);
                }
            }
            Map<String, Object> perThousand = new LinkedHashMap<>();
            counts.forEach((type, n) -> perThousand.put(type, ResultLine.round(1000.0 * n / domainTexts.size())));
            figures.put(ScreeningDatasets.shortName(source), perThousand);
            int person = counts.getOrDefault("PERSON", 0);
            int address = counts.getOrDefault("STREET_ADDRESS", 0);
            int date = counts.getOrDefault("DATE_TIME", 0) + counts.getOrDefault("DATE_OF_BIRTH", 0);
            int other = counts.values().stream().mapToInt(Integer::intValue).sum() - person - address - date;
            double k = 1000.0 / domainTexts.size();
            System.out.printf(Locale.ROOT, "%-14s %6d %8.1f %8.1f %8.1f %8.1f%n", ScreeningDatasets.shortName(source),
                    domainTexts.size(), person * k, address * k, date * k, other * k);
        }
        return Optional.of(figures);
    }

    private static Scored score(String title, PiiScanner scanner, PiiEvaluation evaluation, List<LabeledText> texts,
                                List<String> raw, int rounds) {
        PiiEvaluation.Report report = evaluation.evaluate(scanner, texts);
        System.out.printf(Locale.ROOT, "%n== %s ==%n%s", title, report.table());
        PiiEvaluation.Latency latency = PiiEvaluation.latency(scanner, raw, 1024, rounds);
        System.out.printf(Locale.ROOT, "latency per KB: p50 %.3f ms, p99 %.3f ms, mean %.3f ms (%d chunks x %d rounds)%n",
                latency.p50MsPerKb(), latency.p99MsPerKb(), latency.meanMsPerKb(), latency.chunks(), latency.rounds());
        return new Scored(report, latency);
    }

}
