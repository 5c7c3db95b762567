package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodePointSpanTest {

    /** The text between code points [start, end), as Python's text[start:end] reads it. */
    private static String codePointSlice(String text, CodePointSpan span) {
        int[] cps = text.codePoints().toArray();
        return new String(cps, span.start(), span.end() - span.start());
    }

    @Test
    void offsetsCountCodePointsSoCharactersOutsideTheBmpCountOnce() {
        String text = "🔓 The 2022 🏆 final: call 415-555-2671 or mail ann@example.com 😀";
        List<PiiFinding> findings = PiiScanner.builder().build().find(text);
        List<CodePointSpan> spans = CodePointSpan.of(text, findings);
        assertEquals(findings.size(), spans.size());
        for (int i = 0; i < spans.size(); i++) {
            PiiFinding f = findings.get(i);
            assertEquals(f.type().name(), spans.get(i).type());
            assertEquals(text.substring(f.start(), f.end()), codePointSlice(text, spans.get(i)));
        }
        CodePointSpan mail = spans.stream().filter(s -> s.type().equals("EMAIL_ADDRESS")).findFirst().orElseThrow();
        assertEquals(text.indexOf("ann@") - 2, mail.start(), "two emoji before it, each one code point");
    }

    @Test
    void aLoneSurrogateIsOneCodePointAndBmpTextKeepsItsOffsets() {
        String text = "x\ud800 ann@example.com";
        PiiFinding f = new PiiFinding(PiiType.EMAIL_ADDRESS, 3, text.length(), 1.0, "email");
        assertEquals(List.of(new CodePointSpan("EMAIL_ADDRESS", 3, text.length())), CodePointSpan.of(text, List.of(f)));
        String plain = "mail ann@example.com now";
        PiiFinding p = new PiiFinding(PiiType.EMAIL_ADDRESS, 5, 20, 1.0, "email");
        assertEquals(List.of(new CodePointSpan("EMAIL_ADDRESS", 5, 20)), CodePointSpan.of(plain, List.of(p)));
        assertEquals(List.of(), CodePointSpan.of(plain, List.of()));
    }

    @Test
    void labelledTextsReadCodePointOffsetsAsTheyAreWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labelled.jsonl");
        // Written as Python's json.dumps writes the dataset: the emoji escaped, offsets in code points.
        Files.writeString(file, "{\"text\": \"\\ud83d\\ude00 Ann Lee called\", \"spans\": [{\"type\": \"PERSON\", "
                + "\"start\": 2, \"end\": 9}]}\n", StandardCharsets.UTF_8);
        LabeledText read = LabeledText.readJsonLines(file).get(0);
        LabeledText.Span span = read.spans().get(0);
        assertEquals("Ann Lee", read.text().substring(span.start(), span.end()));
        assertEquals(List.of(new CodePointSpan("PERSON", 2, 9)), read.codePointSpans(), "written back as read");
        Files.writeString(file, "{\"text\": \"\\ud83d\\ude00 Ann\", \"spans\": [{\"type\": \"PERSON\", "
                + "\"start\": 2, \"end\": 6}]}\n", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabeledText.readJsonLines(file));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void aSpanEndsAfterItsStart() {
        assertThrows(IllegalArgumentException.class, () -> new CodePointSpan("PERSON", 4, 3));
        assertThrows(IllegalArgumentException.class, () -> new CodePointSpan("PERSON", -1, 3));
    }
}
