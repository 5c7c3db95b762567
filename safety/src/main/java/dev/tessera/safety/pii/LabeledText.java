package dev.tessera.safety.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A text with gold PII spans, as in an evaluation or training set. {@code type} is the dataset's own type name
 * ({@code PERSON}, {@code IBAN_CODE}); {@link PiiEvaluation} maps it to a {@link PiiType}.
 */
public record LabeledText(String text, List<Span> spans) {

    public LabeledText {
        Objects.requireNonNull(text, "text");
        spans = List.copyOf(spans);
        for (Span s : spans) {
            if (s.end() > text.length()) {
                throw new IllegalArgumentException("span " + s.type() + " [" + s.start() + ", " + s.end()
                        + ") runs past a text of " + text.length() + " chars");
            }
        }
    }

    public record Span(String type, int start, int end) {
        public Span {
            Objects.requireNonNull(type, "type");
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
            }
        }
    }

    /**
     * Reads JSON lines of the form {@code {"text": ..., "spans": [{"type", "start", "end"}]}} (end exclusive, Java
     * char offsets). Blank lines are skipped; a malformed line fails with its line number.
     */
    public static List<LabeledText> readJsonLines(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<LabeledText> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = json.readTree(line);
                    List<Span> spans = new ArrayList<>();
                    for (JsonNode s : node.path("spans")) {
                        spans.add(new Span(s.get("type").asText(), s.get("start").asInt(), s.get("end").asInt()));
                    }
                    out.add(new LabeledText(node.get("text").asText(), spans));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
