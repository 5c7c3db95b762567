package dev.tessera.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressLayoutProbeTest {

    /** A text labelled as the generator labels it: each value a span of its type, joined by {@code between}. */
    private static LabeledText labelled(String between, String... typeAndValue) {
        StringBuilder text = new StringBuilder();
        List<LabeledText.Span> spans = new ArrayList<>();
        for (int i = 0; i < typeAndValue.length; i += 2) {
            if (i > 0) {
                text.append(between);
            }
            int start = text.length();
            spans.add(new LabeledText.Span(typeAndValue[i], start, start + typeAndValue[i + 1].length()));
            text.append(typeAndValue[i + 1]);
        }
        return new LabeledText(text.toString(), spans);
    }

    private static final List<LabeledText> TRAIN = List.of(
            labelled(" ", "STREET_ADDRESS", "5049", "STREET_ADDRESS", "Harjukuja 54"),
            labelled("\n", "STREET_ADDRESS", "Apt. 595", "GPE", "Seinäjoki", "GPE", "Finland"));

    @Test
    void writesEveryLayoutInEverySentenceWithTheGeneratorsGold() {
        AddressLayoutProbe probe = AddressLayoutProbe.fromLabelledTexts(TRAIN, "STREET_ADDRESS", "GPE");
        List<AddressLayoutProbe.Case> cases = probe.cases(2, 7, "STREET_ADDRESS");
        assertEquals(2 * AddressLayoutProbe.Layout.values().length * AddressLayoutProbe.SENTENCES.size(), cases.size());
        for (AddressLayoutProbe.Case c : cases) {
            String text = c.text().text();
            List<String> gold = c.text().spans().stream().map(s -> text.substring(s.start(), s.end())).toList();
            switch (c.layout()) {
                case NUMBER_STREET_UNIT -> assertEquals(List.of("5049", "Harjukuja 54", "Apt. 595"), gold, text);
                case NUMBER_STREET, NUMBER_STREET_TOWN -> assertEquals(List.of("5049", "Harjukuja 54"), gold, text);
                default -> {
                    assertEquals(1, gold.size(), text);
                    assertTrue(gold.get(0).startsWith("5049 Harjukuja 54") && gold.get(0).contains("Seinäjoki"),
                            "a whole address reaches its town: " + text);
                }
            }
            assertTrue(!text.contains("{"), "every slot filled: " + text);
        }
        assertEquals(cases, probe.cases(2, 7, "STREET_ADDRESS"), "seeded");
    }

    @Test
    void scoresExactMatchesPerLayout() {
        AddressLayoutProbe probe = AddressLayoutProbe.fromLabelledTexts(TRAIN, "STREET_ADDRESS", "GPE");
        List<AddressLayoutProbe.Case> cases = probe.cases(1, 7, "STREET_ADDRESS");
        List<AddressLayoutProbe.Score> perfect = AddressLayoutProbe.score(cases, text -> cases.stream()
                .filter(c -> c.text().text().equals(text)).findFirst().orElseThrow().text().spans().stream()
                .map(s -> new PiiFinding(PiiType.STREET_ADDRESS, s.start(), s.end(), 1.0, "gold")).toList());
        perfect.forEach(s -> assertEquals(1.0, s.exactRate(), s.layout().name()));
        perfect.forEach(s -> assertEquals(1.0, s.f1(), s.layout().name()));
        List<AddressLayoutProbe.Score> none = AddressLayoutProbe.score(cases, text -> List.of());
        none.forEach(s -> assertEquals(0.0, s.exactRate(), s.layout().name()));
        assertEquals(AddressLayoutProbe.SENTENCES.size(), none.get(0).cases());
    }

    @Test
    void textsWithoutEveryKindOfPartAreRejected() {
        List<LabeledText> noUnit = List.of(TRAIN.get(0));
        assertThrows(IllegalArgumentException.class,
                () -> AddressLayoutProbe.fromLabelledTexts(noUnit, "STREET_ADDRESS", "GPE"));
        AddressLayoutProbe probe = AddressLayoutProbe.fromLabelledTexts(TRAIN, "STREET_ADDRESS", "GPE");
        assertThrows(IllegalArgumentException.class, () -> probe.cases(0, 1, "STREET_ADDRESS"));
    }
}
