package dev.tessera.safety.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.graph.EvidencePath;
import dev.tessera.sdk.graph.PathNode;
import dev.tessera.sdk.graph.PathStep;
import dev.tessera.sdk.graph.PathStep.Direction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exact matching of structured claims on hand-built paths. */
class ClaimMatcherTest {

    static final PathNode MALARIA = new PathNode("med:malaria", List.of("Disease"), "Malaria", "疟疾");
    static final PathNode FEVER = new PathNode("med:fever", List.of("Symptom"), "Fever", "发热");
    static final PathNode HEADACHE = new PathNode("med:headache", List.of("Symptom"), "Headache");
    static final PathNode MIGRAINE = new PathNode("med:migraine", List.of("Disease"), "Migraine");
    static final PathNode CLAUSE = new PathNode("legal:lol", List.of("Clause"), "Limitation of liability");
    static final PathNode UNCAPPED = new PathNode("legal:uncapped", List.of("Risk"), "Uncapped exposure");

    /** Malaria -> Fever walked forwards; then Headache reached against the stored Migraine -> Headache arrow. */
    static final List<EvidencePath> PATHS = List.of(
            new EvidencePath(List.of(
                    new PathStep(MALARIA, "HAS_SYMPTOM", Direction.OUTGOING, FEVER, "WHO: Malaria fact sheet"),
                    new PathStep(FEVER, "HAS_SYMPTOM", Direction.INCOMING, MIGRAINE, "NHS: Migraine")), 0.9),
            new EvidencePath(List.of(
                    new PathStep(CLAUSE, "CARRIES_RISK", Direction.OUTGOING, UNCAPPED, "CUAD: clause guide")), 0.7));

    @Test
    void forwardFactIsSupportedWithCitationAndSource() {
        Optional<ClaimSupport> s = ClaimMatcher.find(new Claim("malaria", "has_symptom", "FEVER"), PATHS);
        assertTrue(s.isPresent());
        assertEquals("WHO: Malaria fact sheet", s.get().source());
        assertEquals(PATHS.get(0).citation(), s.get().citation());
    }

    @Test
    void factWalkedAgainstItsArrowIsReadInStoredDirection() {
        assertTrue(ClaimMatcher.find(new Claim("Migraine", "HAS_SYMPTOM", "Fever"), PATHS).isPresent());
        assertFalse(ClaimMatcher.find(new Claim("Fever", "HAS_SYMPTOM", "Migraine"), PATHS).isPresent());
    }

    @Test
    void wrongDirectionIsUnsupported() {
        assertFalse(ClaimMatcher.find(new Claim("Fever", "HAS_SYMPTOM", "Malaria"), PATHS).isPresent());
    }

    @Test
    void wrongRelationIsUnsupported() {
        assertFalse(ClaimMatcher.find(new Claim("Malaria", "CAUSES", "Fever"), PATHS).isPresent());
    }

    @Test
    void factNotOnAnyPathIsUnsupported() {
        assertFalse(ClaimMatcher.find(new Claim("Malaria", "HAS_SYMPTOM", "Headache"), PATHS).isPresent());
    }

    @Test
    void idsAndSpacingVariantsMatchMultiWordNames() {
        assertTrue(ClaimMatcher.find(new Claim("legal:lol", "CARRIES_RISK", "legal:uncapped"), PATHS).isPresent());
        Optional<ClaimSupport> s = ClaimMatcher.find(
                new Claim(" limitation  of LIABILITY", "CARRIES_RISK", "uncapped exposure"), PATHS);
        assertEquals("CUAD: clause guide", s.orElseThrow().source());
    }

    @Test
    void chineseNamesMatchAsWellAndAMissingOneMatchesNothing() {
        assertTrue(ClaimMatcher.find(new Claim("疟疾", "HAS_SYMPTOM", "发热"), PATHS).isPresent());
        assertTrue(ClaimMatcher.find(new Claim("疟疾", "HAS_SYMPTOM", "Fever"), PATHS).isPresent());
        assertFalse(ClaimMatcher.find(new Claim("发热", "HAS_SYMPTOM", "疟疾"), PATHS).isPresent());
        assertFalse(ClaimMatcher.find(new Claim("", "HAS_SYMPTOM", "Fever"), PATHS).isPresent(),
                "Migraine -> Fever is on a path, but Migraine has no Chinese name and an empty one names nothing");
    }

    @Test
    void idsAreExactNotCaseFolded() {
        assertFalse(ClaimMatcher.find(new Claim("MED:MALARIA", "HAS_SYMPTOM", "med:fever"), PATHS).isPresent());
    }
}
