package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Training texts written from templates, filled only with values of the texts given. */
class SyntheticPiiTextsTest {

    private static final List<LabeledText> SOURCE = List.of(
            labelled("Ann Lee works at Acme Ltd.", "PERSON", "Ann Lee", "ORGANIZATION", "Acme Ltd"),
            labelled("Send it to 5 Oak Lane, Apt. 4 please", "STREET_ADDRESS", "5 Oak Lane", "STREET_ADDRESS",
                    "Apt. 4"),
            labelled("Bo Chen moved to Lyon.", "PERSON", "Bo Chen", "GPE", "Lyon"));

    private static LabeledText labelled(String text, String... typeValue) {
        List<LabeledText.Span> spans = new java.util.ArrayList<>();
        for (int i = 0; i < typeValue.length; i += 2) {
            int start = text.indexOf(typeValue[i + 1]);
            spans.add(new LabeledText.Span(typeValue[i], start, start + typeValue[i + 1].length()));
        }
        return new LabeledText(text, spans);
    }

    @Test
    void everySlotBecomesASpanOfItsTypeHoldingAValueOfThatTypeFromTheSource() {
        SyntheticPiiTexts synthetic = SyntheticPiiTexts.of(List.of("# a comment", "",
                "Dear {{PERSON}},\\nyour account at {{ORGANIZATION}} is open.", "{{PERSON}} lives at {{STREET_ADDRESS}}."));
        assertEquals(2, synthetic.size());
        List<LabeledText> texts = synthetic.generate(SOURCE, 20, 7);
        assertEquals(40, texts.size());
        Set<String> persons = new HashSet<>();
        for (LabeledText t : texts) {
            for (LabeledText.Span s : t.spans()) {
                String value = t.text().substring(s.start(), s.end());
                switch (s.type()) {
                    case "PERSON" -> {
                        assertTrue(Set.of("ann lee", "bo chen").contains(value.toLowerCase(Locale.ROOT)), value);
                        persons.add(value.toLowerCase(Locale.ROOT));
                    }
                    case "ORGANIZATION" -> assertEquals("acme ltd", value.toLowerCase(Locale.ROOT));
                    // "Apt. 4" is an address part in the source, not an address to put in a sentence.
                    case "STREET_ADDRESS" -> assertEquals("5 oak lane", value.toLowerCase(Locale.ROOT));
                    default -> throw new AssertionError(s);
                }
            }
        }
        assertEquals(Set.of("ann lee", "bo chen"), persons, "values are drawn from the whole pool");
        assertTrue(texts.get(0).text().contains("\n"), "\\n in a template is a line break");
        assertTrue(texts.stream().anyMatch(t -> t.text().equals(t.text().toLowerCase(Locale.ROOT))),
                "some texts are lower-cased whole, as the source data does");
        assertEquals(texts, synthetic.generate(SOURCE, 20, 7), "same seed, same texts");
    }

    @Test
    void aTemplateNeedingATypeTheSourceLacksWritesNothing() {
        SyntheticPiiTexts synthetic = SyntheticPiiTexts.of(List.of("{{NRP}} delegates met {{PERSON}}.",
                "Hi {{PERSON}}"));
        List<LabeledText> texts = synthetic.generate(SOURCE, 3, 1);
        assertEquals(3, texts.size());
        assertTrue(texts.stream().allMatch(t -> t.text().toLowerCase(Locale.ROOT).startsWith("hi ")));
    }

    @Test
    void aTemplateWithoutASlotIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticPiiTexts.of(List.of("{{PERSON}} called", "no slot here")));
        assertTrue(e.getMessage().contains("no slot here"));
        assertThrows(IllegalArgumentException.class, () -> SyntheticPiiTexts.of(List.of("# only a comment")));
    }
}
