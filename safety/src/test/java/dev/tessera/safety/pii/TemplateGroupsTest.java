package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching texts back to the template lines that wrote them. */
class TemplateGroupsTest {

    private static final TemplateGroups GROUPS = TemplateGroups.of(List.of(
            "{{name}}",
            "",
            "My name is {{name}}",
            "{{person}}\\n{{organization}}\\n{{address}}",
            "Meet me at {{address}} after {{day_of_week}}."));

    @Test
    void theTemplateWithTheMostLiteralTextWins() {
        assertEquals(4, GROUPS.size());
        assertEquals(1, GROUPS.groupOf("My name is Ann Lee"));
        assertEquals(1, GROUPS.groupOf("my name is ann lee"), "generators lower-case whole texts");
        assertEquals(0, GROUPS.groupOf("Ann Lee"));
        assertEquals(2, GROUPS.groupOf("Ann Lee\nAcme Ltd\n5 Oak Lane\nSpringfield"), "\\n in a template is a line break");
        assertEquals(3, GROUPS.groupOf("Meet me at 5 Oak Lane after Monday."));
        assertEquals(-1, GROUPS.groupOf("x".repeat(TemplateGroups.MAX_TEXT_CHARS + 1)), "bounded matching work");
    }

    @Test
    void aTextNoTemplateFitsGetsAGroupOfItsOwn() {
        TemplateGroups strict = TemplateGroups.of(List.of("Call {{name}} now"));
        List<LabeledText> data = List.of(new LabeledText("Call Ann now", List.of()),
                new LabeledText("Something else", List.of()), new LabeledText("Call Bob now", List.of()),
                new LabeledText("Another one", List.of()));
        assertArrayEquals(new int[] {0, -2, 0, -4}, strict.groups(data));
    }

    @Test
    void badTemplateFilesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TemplateGroups.of(List.of(" ", "")));
        assertThrows(IllegalArgumentException.class, () -> TemplateGroups.of(List.of("x".repeat(5_000))));
    }
}
