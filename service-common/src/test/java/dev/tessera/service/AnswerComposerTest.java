package dev.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.safety.verify.Claim;
import dev.tessera.safety.verify.ClaimMatcher;
import dev.tessera.sdk.graph.EvidencePath;
import dev.tessera.sdk.graph.PathNode;
import dev.tessera.sdk.graph.PathStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerComposerTest {

    private static final PathNode FLU = new PathNode("medical:disease:influenza", List.of("Disease"), "Influenza");
    private static final PathNode FEVER = new PathNode("medical:symptom:fever", List.of("Symptom"), "Fever");
    private static final PathNode COUGH = new PathNode("medical:symptom:cough", List.of("Symptom"), "Cough");

    @Test
    void statesEachDistinctFactOnceInItsStoredDirection() {
        // The walk goes Fever <-[HAS_SYMPTOM]- Influenza -[HAS_SYMPTOM]-> Cough; a second path repeats a fact.
        EvidencePath walk = new EvidencePath(List.of(
                new PathStep(FEVER, "HAS_SYMPTOM", PathStep.Direction.INCOMING, FLU, "src-a"),
                new PathStep(FLU, "HAS_SYMPTOM", PathStep.Direction.OUTGOING, COUGH, "src-b")), 0.9);
        EvidencePath repeat = new EvidencePath(List.of(
                new PathStep(FLU, "HAS_SYMPTOM", PathStep.Direction.OUTGOING, FEVER, "src-a")), 0.5);

        AnswerComposer.Composed answer = new AnswerComposer(5).compose(List.of(walk, repeat));

        assertEquals("Influenza has symptom Fever. Influenza has symptom Cough.", answer.text());
        assertEquals(List.of(new Claim("Influenza", "HAS_SYMPTOM", "Fever"),
                new Claim("Influenza", "HAS_SYMPTOM", "Cough")), answer.claims());
        for (Claim claim : answer.claims()) {
            assertTrue(ClaimMatcher.find(claim, List.of(walk, repeat)).isPresent(), claim::toString);
        }
    }

    @Test
    void statesTheFactsOfTheRelationAskedAboutFirst() {
        PathNode rest = new PathNode("medical:precaution:rest", List.of("Precaution"), "Rest");
        EvidencePath precaution = new EvidencePath(List.of(
                new PathStep(FLU, "HAS_PRECAUTION", PathStep.Direction.OUTGOING, rest, "s")), 0.5);
        EvidencePath fever = new EvidencePath(List.of(
                new PathStep(FLU, "HAS_SYMPTOM", PathStep.Direction.OUTGOING, FEVER, "s")), 0.5);
        EvidencePath twoHops = new EvidencePath(List.of(
                new PathStep(FLU, "HAS_SYMPTOM", PathStep.Direction.OUTGOING, COUGH, "s"),
                new PathStep(COUGH, "HAS_PRECAUTION", PathStep.Direction.OUTGOING, rest, "s")), 0.25);
        List<EvidencePath> paths = List.of(precaution, fever, twoHops);
        AnswerComposer composer = new AnswerComposer(2);
        assertEquals("Influenza has precaution Rest. Influenza has symptom Fever.", composer.compose(paths).text(),
                "path order without weights");
        AnswerComposer.Composed symptoms = composer.compose(paths, type -> type.equals("HAS_SYMPTOM") ? 1.0 : 0.01);
        assertEquals("Influenza has symptom Fever. Influenza has symptom Cough.", symptoms.text());
        assertEquals(List.of(fever, twoHops), AnswerComposer.sources(symptoms, paths),
                "the precaution path states no fact of the answer");
    }

    @Test
    void stopsAtTheFactLimitAndSaysNothingWithoutEvidence() {
        EvidencePath walk = new EvidencePath(List.of(
                new PathStep(FLU, "HAS_SYMPTOM", PathStep.Direction.OUTGOING, FEVER, "s"),
                new PathStep(FLU, "HAS_SYMPTOM", PathStep.Direction.OUTGOING, COUGH, "s")), 1.0);
        assertEquals(1, new AnswerComposer(1).compose(List.of(walk)).claims().size());
        AnswerComposer.Composed none = new AnswerComposer(3).compose(List.of());
        assertEquals("", none.text());
        assertTrue(none.claims().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new AnswerComposer(0));
    }
}
