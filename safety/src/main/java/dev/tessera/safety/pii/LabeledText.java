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

    /** The gold spans in code points, as {@link #readJsonLines} reads them and data files hold them. */
    public List<CodePointSpan> codePointSpans() {
        List<String> types = new ArrayList<>(spans.size());
        int[] starts = new int[spans.size()];
        int[] ends = new int[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            types.add(spans.get(i).type());
            starts[i] = spans.get(i).start();
            ends[i] = spans.get(i).end();
        }
        return CodePointSpan.of(text, types, starts, ends);
    }

    /**
     * Reads JSON lines of the form {@code {"text": ..., "spans": [{"type", "start", "end"}]}}: offsets count Unicode
     * code points, end exclusive, as in the files Python writes and as Tessera's JSON output counts them
     * ({@link CodePointSpan}); they become Java char offsets here. Blank lines are skipped; a malformed line, or a span
     * past its text's end, fails with its line number.
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
                    String text = node.get("text").asText();
                    List<Span> spans = new ArrayList<>();
                    for (JsonNode s : node.path("spans")) {
                        spans.add(new Span(s.get("type").asText(), charOffset(text, s.get("start").asInt()),
                                charOffset(text, s.get("end").asInt())));
                    }
                    out.add(new LabeledText(text, spans));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /** The char offset of code point {@code codePoint}; the same number unless a character outside the BMP precedes. */
    private static int charOffset(String text, int codePoint) {
        if (codePoint < 0 || codePoint > text.codePointCount(0, text.length())) {
            throw new IllegalArgumentException("offset " + codePoint + " outside the text");
        }
        return text.offsetByCodePoints(0, codePoint);
    }
}
