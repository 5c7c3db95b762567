package dev.tessera.sdk.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvidenceTest {

    private static LinkedEntity entity(String id, String mention) {
        return new LinkedEntity(id, List.of("Symptom"), id, 0.5, 0.5,
                mention.isEmpty() ? Set.of(LinkedEntity.Match.VECTOR) : Set.of(LinkedEntity.Match.NAME), mention);
    }

    private static final Evidence CHEST = Evidence.available(List.of(
            entity("redflag:chest_pain_sweating", "chest pain with sweating"), entity("symptom:chest_pain", "chest pain"),
            entity("disease:angina", ""), entity("symptom:sweating", "sweating")), List.of());

    private static List<String> outright(String text) {
        return CHEST.namedOutright(text).stream().map(LinkedEntity::id).toList();
    }

    @Test
    void aNameOnlyInsideALongerNameIsNotWhatTheTextIsAbout() {
        assertEquals(List.of("redflag:chest_pain_sweating"), outright("Is chest pain with sweating an emergency?"));
        assertEquals(List.of("redflag:chest_pain_sweating", "symptom:chest_pain"),
                outright("Chest pain with sweating, then chest pain at rest"), "named on its own too");
    }

    @Test
    void aChineseNameWithPunctuationHoldsTheNamesInsideIt() {
        // Chinese mentions are NFKC as written, brackets included; the text is compared in words form.
        Evidence article = Evidence.available(List.of(
                entity("provision:prc_590", "《中华人民共和国民法典》第590条(不可抗力)"),
                entity("concept:force_majeure", "不可抗力")), List.of());
        String question = "请介绍一下《中华人民共和国民法典》第590条（不可抗力）。";
        assertEquals(List.of("provision:prc_590"),
                article.namedOutright(question).stream().map(LinkedEntity::id).toList(),
                "force majeure is named only inside the article's name");
        assertEquals("请介绍一下 它", article.withoutMentions(question, "它"));
        assertEquals(List.of("provision:prc_590", "concept:force_majeure"), article.namedOutright(
                "《中华人民共和国民法典》第590条（不可抗力）与合同中的不可抗力条款有何不同？").stream()
                .map(LinkedEntity::id).toList(), "named on its own too");
    }

    @Test
    void withoutMentionsKeepsWhatTheQuestionAsks() {
        assertEquals("is it an emergency", CHEST.withoutMentions("Is chest pain with sweating an emergency?", "it"));
        assertEquals("why the sweating", Evidence.available(List.of(entity("disease:angina", "")), List.of())
                .withoutMentions("Why the sweating?", "it"), "an entity not named leaves its words");
        assertThrows(NullPointerException.class, () -> CHEST.withoutMentions(null, "it"));
    }

    @Test
    void anEntityWithoutAMentionIsNotNamed() {
        LinkedEntity unnamed = new LinkedEntity("x", List.of(), "X", 0.1, 0.2, Set.of(LinkedEntity.Match.FULLTEXT));
        assertFalse(unnamed.named());
        assertEquals("", unnamed.mention());
        assertEquals(List.of("redflag:chest_pain_sweating", "symptom:chest_pain", "symptom:sweating"),
                CHEST.named().stream().map(LinkedEntity::id).toList());
    }
}
