package dev.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the encoder the services embed graph text with (DomainComponents.GRAPH_ENGLISH_ENCODER). */
class RelationRelevanceTest {

    private static OnnxEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized());
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    private static String best(ToDoubleFunction<String> weights, List<String> types) {
        String best = types.get(0);
        for (String t : types) {
            best = weights.applyAsDouble(t) > weights.applyAsDouble(best) ? t : best;
        }
        return best;
    }

    /** Questions as DomainService passes them: without the names they mention (Evidence.withoutMentions). */
    @Test
    void theRelationAQuestionAsksAboutWeighsMost() {
        RelationRelevance relevance = new RelationRelevance(encoder);
        List<String> medical = List.of("HAS_PRECAUTION", "HAS_RED_FLAG", "HAS_SYMPTOM", "TREATED_BY_SPECIALTY");
        ToDoubleFunction<String> symptoms = relevance.forQuestion("what are the symptoms of it", medical);
        assertEquals("HAS_SYMPTOM", best(symptoms, medical));
        assertEquals(1.0, symptoms.applyAsDouble("HAS_SYMPTOM"), 1e-9);
        assertTrue(symptoms.applyAsDouble("HAS_PRECAUTION") < 0.5, "precautions were not asked for");
        assertEquals("TREATED_BY_SPECIALTY",
                best(relevance.forQuestion("which specialist treats it", medical), medical));
        List<String> finance = List.of("INCORPORATED_IN", "IN_SECTOR", "OWNS", "SUBSIDIARY_OF");
        assertEquals("SUBSIDIARY_OF",
                best(relevance.forQuestion("which company is it a subsidiary of", finance), finance));
        List<String> legal = List.of("CARRIES_RISK", "GOVERNED_BY", "INVOLVES_CONCEPT", "MITIGATED_BY");
        assertEquals("CARRIES_RISK", best(relevance.forQuestion("what risks does a it clause carry", legal), legal));
    }

    @Test
    void aQuestionThatAsksForNoRelationshipLeavesEveryWeightAtOne() {
        RelationRelevance relevance = new RelationRelevance(encoder);
        List<String> finance = List.of("INCORPORATED_IN", "IN_SECTOR", "OWNS", "SUBSIDIARY_OF");
        for (String open : List.of("tell me about it", "what should i know about it")) {
            ToDoubleFunction<String> weights = relevance.forQuestion(open, finance);
            for (String type : finance) {
                assertEquals(1.0, weights.applyAsDouble(type), 1e-9, open + ": " + type);
            }
        }
    }

    @Test
    void oneTypeOrNoneLeavesEveryWeightAtOne() {
        RelationRelevance relevance = new RelationRelevance(encoder);
        assertEquals(1.0, relevance.forQuestion("anything", List.of("OWNS")).applyAsDouble("OWNS"));
        assertEquals(1.0, relevance.forQuestion("anything", List.of()).applyAsDouble("OWNS"));
        assertEquals(1.0, relevance.forQuestion("symptoms", List.of("HAS_SYMPTOM", "OWNS")).applyAsDouble("OTHER"),
                "a type it was not asked about");
    }
}
