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
    public static final String NEGATIVE = "0";
    /** Source name of {@link #projectChinese()}. */
    public static final String PROJECT_ZH = "project_zh";

    /** The injection test texts' sources; the benign domain sources are the text Tessera's services are sent. */
    public static final String PROMPT_INJECTIONS = "safety/prompt_injections";
    public static final String JAILBREAKS = "safety/jailbreaks";
    public static final String CUAD = "legal/cuad_clauses";
    public static final String UNFAIR_TOS = "legal/unfair_tos";
    public static final String PHRASEBANK = "finance/phrasebank";
    /** Benign domain text whose licence allows training shipped heads (both CC BY 4.0). */
    static final List<String> TRAINABLE_BENIGN = List.of(CUAD, UNFAIR_TOS);
    /** Benign domain text for measuring false alarms only; PhraseBank is CC BY-NC-SA 3.0 and never trains. */
    public static final List<String> EVALUATION_BENIGN = List.of(CUAD, UNFAIR_TOS, PHRASEBANK);

    /** A source's name without its domain folder ("cuad_clauses" of "legal/cuad_clauses"): the key in figures. */
    public static String shortName(String source) {
        return source.substring(source.indexOf('/') + 1);
    }

    /** An example and the dataset it comes from, so that figures can be broken down by source. */
    public record Sourced(String source, LabeledExample example) {
    }

    private ScreeningDatasets() {
    }

    /** deepset/prompt-injections (Apache-2.0) plus in-the-wild jailbreaks (MIT, positives only), one split. */
    public static List<LabeledExample> injections(Path sharedData, String split) {
        return prompts(sharedData, split).stream().map(Sourced::example).toList();
    }

    private static List<Sourced> prompts(Path sharedData, String split) {
        List<Sourced> out = new ArrayList<>();
        jsonl(sharedData.resolve(PROMPT_INJECTIONS + "/" + split + ".jsonl"))
                .forEach(t -> out.add(new Sourced(PROMPT_INJECTIONS, t)));
        jsonl(sharedData.resolve(JAILBREAKS + "/" + split + ".jsonl"))
                .forEach(t -> out.add(new Sourced(JAILBREAKS, new LabeledExample(t.text(), POSITIVE))));
        return out;
    }

    /** One benign source's texts, each labelled {@link #NEGATIVE} whatever the dataset's own label. */
    static List<LabeledExample> benign(Path sharedData, String source, String split) {
        return jsonl(sharedData.resolve(source + "/" + split + ".jsonl")).stream()
                .map(t -> new LabeledExample(t.text(), NEGATIVE)).toList();
    }

    /** The texts of one benign domain source's split ({@link #EVALUATION_BENIGN}), in file order. */
    public static List<String> benignTexts(Path sharedData, String source, String split) {
        return jsonl(sharedData.resolve(source + "/" + split + ".jsonl")).stream().map(LabeledExample::text).toList();
    }

    /**
     * Benign domain text that may train shipped heads: CUAD contract clauses and Terms-of-Service clauses (CC BY 4.0;
     * The Atticus Project, LegalBench; Claudette via LexGLUE), every one labelled {@link #NEGATIVE}.
     */
    public static List<LabeledExample> trainableBenign(Path sharedData, String split) {
        List<LabeledExample> out = new ArrayList<>();
        for (String source : TRAINABLE_BENIGN) {
            out.addAll(benign(sharedData, source, split));
        }
        return out;
    }

    /**
     * The injection evaluation set of one split: prompt_injections (both classes) + jailbreaks (positives) + benign
     * domain text from {@link #EVALUATION_BENIGN}, of which every {@code benignStride}-th text is kept (1 = all).
     */
    public static List<Sourced> injectionEvaluation(Path sharedData, String split, int benignStride) {
        if (benignStride < 1) {
            throw new IllegalArgumentException("benignStride must be >= 1");
        }
        List<Sourced> out = new ArrayList<>(prompts(sharedData, split));
        for (String source : EVALUATION_BENIGN) {
            List<LabeledExample> texts = benign(sharedData, source, split);
            for (int i = 0; i < texts.size(); i += benignStride) {
                out.add(new Sourced(source, texts.get(i)));
            }
        }
        return out;
    }

    /**
     * The project-written Chinese injection and benign lines kept out of training ({@code injection-zh-eval.tsv}),
     * source {@link #PROJECT_ZH}: the public sets hold almost no Chinese, so these are the only Chinese test there is.
     * They ship with the library, so the figures need no {@code ../shared}.
     */
    public static List<Sourced> projectChinese() {
        return ShippedModels.examples(ShippedModels.ZH_INJECTION_EVALUATION).stream()
                .map(e -> new Sourced(PROJECT_ZH, e)).toList();
    }

    /** Davidson et al. 2017 (MIT), labels hate / offensive / neither. */
    public static List<LabeledExample> toxicity(Path sharedData, String split) {
        return jsonl(sharedData.resolve("safety/toxicity/" + split + ".jsonl"));
    }

    /** One in five training examples, by a hash of the text, so the slice is stable across runs and machines. */
    static boolean heldOut(String text) {
        return crc(text) % 5 == 0;
    }

    private static long crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /**
     * One in three benign domain clauses, by a hash of the text: enough to teach the head what contracts look like
     * without drowning the few hundred prompt-injection examples, and stable across runs.
     */
    static boolean inDomainSample(String text) {
        return (crc(text) / 5) % 3 == 0;
    }

    /** True when the injection, toxicity and benign domain datasets are all present under {@code sharedData}. */
    public static boolean present(Path sharedData) {
        return sharedData != null && Files.isRegularFile(sharedData.resolve("safety/prompt_injections/test.jsonl"))
                && Files.isRegularFile(sharedData.resolve("safety/jailbreaks/test.jsonl"))
                && Files.isRegularFile(sharedData.resolve("safety/toxicity/test.jsonl"))
                && EVALUATION_BENIGN.stream().allMatch(d -> Files.isRegularFile(sharedData.resolve(d + "/test.jsonl"))
                        && Files.isRegularFile(sharedData.resolve(d + "/train.jsonl")));
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
