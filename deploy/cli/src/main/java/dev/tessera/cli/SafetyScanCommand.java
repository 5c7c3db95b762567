package dev.tessera.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.pii.PiiAction;
import dev.tessera.safety.pii.CodePointSpan;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.safety.pii.PiiTagger;
import dev.tessera.safety.screening.InjectionDetector;
import dev.tessera.safety.screening.InputScreen;
import dev.tessera.safety.screening.ScreeningEncoders;
import dev.tessera.safety.screening.TextNormalizer;
import dev.tessera.safety.screening.ToxicityClassifier;
import dev.tessera.sdk.TesseraException;
import dev.tessera.sdk.encoder.OnnxEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Screens JSON lines {@code {"text": ...}} from stdin, one JSON line out per line in. A bad line gets an error line
 * (and the rest still run), so one malformed record does not stop a batch.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Read JSON lines {\"text\": ...} on stdin; write {\"pii\": [{type, start, end}], "
                + "\"injection\": {score, threshold, decision}, \"toxicity\": {label, scores}, \"redacted\": ...} "
                + "per line.",
                "start and end count Unicode code points of the text, end exclusive, as Python's text[start:end] and "
                        + "jq's .text[start:end] do (an emoji is one)."})
final class SafetyScanCommand implements Callable<Integer> {

    @Option(names = "--encoder", negatable = true, defaultValue = "false",
            description = "Find names and addresses with the all-MiniLM-L6-v2 tagger (slower, finds more names; "
                    + "default: ${DEFAULT-VALUE}).")
    boolean encoder;

    @Option(names = "--screen", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also score prompt injection and toxicity with the shipped heads (default: ${DEFAULT-VALUE}).")
    boolean screen;

    @Option(names = "--injection-cost", defaultValue = "ACCURATE",
            description = "ACCURATE averages the MiniLM and bge injection heads; FAST uses MiniLM alone at its own "
                    + "threshold, about a third of the time (default: ${DEFAULT-VALUE}).")
    InjectionDetector.Cost injectionCost;

    @Option(names = "--max-bytes", defaultValue = "" + PiiScanner.DEFAULT_MAX_INPUT_BYTES,
            description = "Texts longer than this (UTF-8 bytes) are rejected with an error line "
                    + "(default: ${DEFAULT-VALUE}).")
    long maxBytes;

    private final ObjectMapper json = new ObjectMapper();

    /**
     * One output line. Spans count Unicode code points of the input text, end exclusive ({@link CodePointSpan}). Later
     * safety layers add their verdicts as further components (injection, toxicity); null components are left out of
     * the JSON.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScanLine(List<CodePointSpan> pii, Injection injection, Toxicity toxicity, String redacted) {
    }

    /** @param decision {@code block} at or above the threshold, else {@code allow} */
    record Injection(double score, double threshold, String decision) {
    }

    record Toxicity(String label, Map<String, Double> scores) {
    }

    /** @param line 1-based input line number; the message never quotes the input (it may hold PII) */
    record ErrorLine(int line, String error) {
    }

    @Override
    public Integer call() throws Exception {
        OnnxEncoder enc = encoder ? SafetyCommand.loadTaggerEncoder() : null;
        ScreeningEncoders screeningEncoders = screen ? ScreeningEncoders.cpu() : null;
        try {
            PiiScanner.Builder builder = PiiScanner.builder().action(PiiAction.REDACT).maxInputBytes(maxBytes);
            if (enc != null) {
                builder.tagger(PiiTagger.bundledWithEncoder(enc));
            }
            // Scope is left out: a file of texts has no service domain. Nothing blocks on toxicity; it is reported.
            InputScreen.Builder screen = InputScreen.builder(builder.build());
            if (screeningEncoders != null) {
                screen.injection(InjectionDetector.load(screeningEncoders, TextNormalizer.defaults(), Auditor.none(),
                                injectionCost))
                        .toxicity(ToxicityClassifier.load(screeningEncoders, TextNormalizer.defaults()), Set.of());
            }
            scan(screen.build(), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    System.out);
        } finally {
            if (enc != null) {
                enc.close();
            }
            if (screeningEncoders != null) {
                screeningEncoders.close();
            }
        }
        return 0;
    }

    void scan(InputScreen screen, BufferedReader in, PrintStream out) throws java.io.IOException {
        int lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            out.println(escapeLoneSurrogates(json.writeValueAsString(scanLine(screen, line, lineNo))));
            out.flush();
        }
    }

    /**
     * A lone surrogate (JSON input may carry one as an escape) cannot be encoded as UTF-8: the output stream would turn it into '?', silently changing the redacted text. Written as an escape it
     * comes back exactly, and offsets stay true. Outside string literals JSON holds only ASCII, so escaping every
     * unpaired surrogate in the line is safe.
     */
    static String escapeLoneSurrogates(String jsonLine) {
        StringBuilder out = null;
        for (int i = 0; i < jsonLine.length(); i++) {
            char c = jsonLine.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < jsonLine.length()
                    && Character.isLowSurrogate(jsonLine.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(jsonLine.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(jsonLine.length() + 16).append(jsonLine, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? jsonLine : out.toString();
    }

    private Object scanLine(InputScreen screen, String line, int lineNo) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending input; report only where it broke.
            return new ErrorLine(lineNo, "malformed JSON at column " + e.getLocation().getColumnNr());
        }
        JsonNode text = node == null ? null : node.get("text");
        if (text == null || !text.isTextual()) {
            return new ErrorLine(lineNo, "expected an object with a string field \"text\"");
        }
        try {
            InputScreen.Result r = screen.screen(text.asText());
            List<CodePointSpan> spans = CodePointSpan.of(text.asText(), r.pii().findings());
            Injection injection = r.injection()
                    .map(v -> new Injection(v.score(), v.threshold(), v.injection() ? "block" : "allow")).orElse(null);
            Toxicity toxicity = r.toxicity().map(t -> {
                Map<String, Double> scores = new java.util.LinkedHashMap<>();
                t.scores().forEach(ls -> scores.put(ls.label(), ls.probability()));
                return new Toxicity(t.topLabel(), scores);
            }).orElse(null);
            return new ScanLine(spans, injection, toxicity, r.pii().text());
        } catch (TesseraException e) {
            return new ErrorLine(lineNo, e.getMessage());
        }
    }
}
