package dev.tessera.cli;

import dev.tessera.safety.pii.AddressLayoutProbe;
import dev.tessera.safety.pii.LabeledText;
import dev.tessera.safety.pii.PiiScanner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The address-layout development set ({@link AddressLayoutProbe}): addresses composed from the train split's parts
 * in the generator's layouts, in sentences of the project's own, scored exactly per layout with layer 1's default
 * scanner. A rule for address spans that is neutral on held-out templates can be judged here, never on test.
 */
@Command(name = "probe-addresses", mixinStandardHelpOptions = true,
        description = "Score address spans on project-written sentences holding addresses composed from the train "
                + "split's parts in the generator's layouts; ends with RESULT {json}.")
final class SafetyProbeAddressesCommand implements Callable<Integer> {

    @Option(names = "--data", description = "JSON lines {text, spans:[{type,start,end}]} to take the parts from. "
            + "Default: ../shared/data/safety/pii_synthetic/train.jsonl.")
    Path data;

    @Option(names = "--addresses", defaultValue = "40",
            description = "Addresses drawn; each is written in every layout and sentence (default: ${DEFAULT-VALUE}).")
    int addresses;

    @Option(names = "--seed", defaultValue = "11", description = "Seed of the draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (addresses < 1 || addresses > 10_000) {
            throw new IllegalArgumentException("--addresses must be 1..10000: " + addresses);
        }
        Path file = data != null ? data : SafetyCommand.sharedPiiSplit("train");
        AddressLayoutProbe probe = AddressLayoutProbe.fromLabelledTexts(LabeledText.readJsonLines(file),
                "STREET_ADDRESS", "GPE");
        List<AddressLayoutProbe.Case> cases = probe.cases(addresses, seed, "STREET_ADDRESS");
        PiiScanner scanner = PiiScanner.builder().build();
        List<AddressLayoutProbe.Score> scores = AddressLayoutProbe.score(cases, scanner::find);
        System.out.printf(Locale.ROOT, "parts from %s; %d addresses x %d layouts x %d sentences, seed %d%n%n"
                + "%-20s %-7s %6s %8s %8s%n", file, addresses, AddressLayoutProbe.Layout.values().length,
                cases.size() / addresses / AddressLayoutProbe.Layout.values().length, seed, "layout", "gold", "cases",
                "exact", "F1");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", file.toString());
        result.put("cases", cases.size());
        Map<String, Object> perLayout = new LinkedHashMap<>();
        int exact = 0;
        for (AddressLayoutProbe.Score s : scores) {
            String layout = s.layout().name().toLowerCase(Locale.ROOT);
            System.out.printf(Locale.ROOT, "%-20s %-7s %6d %8.3f %8.3f%n", layout,
                    s.layout().whole() ? "whole" : "parts", s.cases(), s.exactRate(), s.f1());
            perLayout.put(layout,
                    Map.of("exact", ResultLine.round(s.exactRate()), "f1", ResultLine.round(s.f1())));
            exact += s.exactCases();
        }
        result.put("exact_rate", ResultLine.round((double) exact / cases.size()));
        result.put("per_layout", perLayout);
        ResultLine.print(result);
        return 0;
    }
}
