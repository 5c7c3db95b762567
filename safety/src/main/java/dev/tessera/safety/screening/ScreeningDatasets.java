package dev.tessera.safety.screening;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The public screening datasets under {@code ../shared/data/safety} (read in place, never copied into the
 * project) and the deterministic held-out slice of the injection training data.
 */
public final class ScreeningDatasets {

    /** Labels of the injection data: 1 = injection or jailbreak. */
    public static final String POSITIVE = "1";

    private ScreeningDatasets() {
    }

    /** deepset/prompt-injections (Apache-2.0) plus in-the-wild jailbreaks (MIT, positives only), one split. */
    public static List<LabeledExample> injections(Path sharedData, String split) {
        List<LabeledExample> out = new ArrayList<>(jsonl(sharedData.resolve("safety/prompt_injections/" + split + ".jsonl")));
        for (LabeledExample t : jsonl(sharedData.resolve("safety/jailbreaks/" + split + ".jsonl"))) {
            out.add(new LabeledExample(t.text(), POSITIVE));
        }
        return out;
    }

    /** Davidson et al. 2017 (MIT), labels hate / offensive / neither. */
    public static List<LabeledExample> toxicity(Path sharedData, String split) {
        return jsonl(sharedData.resolve("safety/toxicity/" + split + ".jsonl"));
    }

    /** One in five training examples, by a hash of the text, so the slice is stable across runs and machines. */
    static boolean heldOut(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 5 == 0;
    }

    /** True when the injection and toxicity datasets are all present under {@code sharedData}. */
    public static boolean present(Path sharedData) {
        return sharedData != null && Files.isRegularFile(sharedData.resolve("safety/prompt_injections/test.jsonl"))
                && Files.isRegularFile(sharedData.resolve("safety/jailbreaks/test.jsonl"))
                && Files.isRegularFile(sharedData.resolve("safety/toxicity/test.jsonl"));
    }

    private static List<LabeledExample> jsonl(Path file) {
        List<LabeledExample> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = ShippedModels.JSON.readTree(line);
                JsonNode label = n.get("label");
                out.add(new LabeledExample(n.get("text").asText(), label == null ? POSITIVE : label.asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out;
    }
}
