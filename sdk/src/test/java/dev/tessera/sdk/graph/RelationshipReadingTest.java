package dev.tessera.sdk.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelationshipReadingTest {

    private static final PathNode MALARIA = new PathNode("m", List.of("Disease"), "Malaria", "疟疾");
    private static final PathNode FEVER = new PathNode("f", List.of("Symptom"), "Fever", "发热");
    private static final PathNode NEUROLOGY = new PathNode("n", List.of("Specialty"), "Neurology");
    private static final RelationshipReading SYMPTOM =
            new RelationshipReading("Symptoms of {subject} include {object}", "{subject}的症状包括{object}");

    @Test
    void fillsBothLanguagesInTheStoredDirectionWhicheverWayThePathWalked() {
        PathStep walkedBackwards = new PathStep(FEVER, "HAS_SYMPTOM", PathStep.Direction.INCOMING, MALARIA, "WHO",
                SYMPTOM);
        assertEquals(MALARIA, walkedBackwards.subject());
        assertEquals(FEVER, walkedBackwards.object());
        assertEquals("Symptoms of Malaria include Fever", walkedBackwards.englishSentence());
        assertEquals(Optional.of("疟疾的症状包括发热"), walkedBackwards.chineseSentence());
    }

    @Test
    void theObjectMayComeFirstAndANameHoldingAPlaceholderIsCopiedAsWritten() {
        RelationshipReading objectFirst = new RelationshipReading("{object} is a symptom of {subject}", "");
        assertEquals("Fever is a symptom of Malaria", objectFirst.english("Malaria", "Fever"));
        assertEquals("Symptoms of {object} include X", SYMPTOM.english("{object}", "X"));
    }

    @Test
    void aTypeWithoutAReadingReadsAsItsWordsAndAChineseNodeWithoutANameKeepsTheEnglishOne() {
        PathStep step = new PathStep(MALARIA, "TREATED_BY_SPECIALTY", PathStep.Direction.OUTGOING, NEUROLOGY, "s");
        assertEquals("Malaria treated by specialty Neurology", step.englishSentence());
        assertEquals(Optional.empty(), step.chineseSentence());
        RelationshipReading managed =
                new RelationshipReading("{subject} is managed by {object}", "{subject}由{object}诊治");
        PathStep read = new PathStep(MALARIA, "TREATED_BY_SPECIALTY", PathStep.Direction.OUTGOING, NEUROLOGY, "s",
                managed);
        assertEquals(Optional.of("疟疾由Neurology诊治"), read.chineseSentence());
    }

    @Test
    void aTemplateMustHoldEachPlaceholderOnceAndNoOtherBrace() {
        for (String bad : List.of("", "{subject} has fever", "{subject} {object} {object}", "{subject} {x} {object}",
                "{subject} " + "x".repeat(RelationshipReading.MAX_TEMPLATE_CHARS) + " {object}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RelationshipReading(bad, ""), bad);
            assertTrue(e.getMessage().startsWith("English reading "), e.getMessage());
        }
        IllegalArgumentException chinese = assertThrows(IllegalArgumentException.class,
                () -> new RelationshipReading("{subject} has {object}", "{subject}有"));
        assertTrue(chinese.getMessage().contains("{object} exactly once"), chinese.getMessage());
    }
}
