package dev.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.sdk.graph.RelationshipReading;
import dev.tessera.service.testing.TesseraStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the encoders the services embed graph text with (DomainComponents.GRAPH_ENGLISH_ENCODER and _CHINESE_). */
class RelationRelevanceTest {

    private static OnnxEncoder encoder;
    private static OnnxEncoder chineseEncoder;

    @BeforeAll
    static void load() {
        encoder = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized());
        chineseEncoder = OnnxEncoder.load(EncoderSpec.bgeSmallZhV15());
    }

    @AfterAll
    static void close() {
        encoder.close();
        chineseEncoder.close();
    }

    /** The types with the words they read as when the graph declares no reading. */
    private static Map<String, RelationshipReading> typed(List<String> types) {
        Map<String, RelationshipReading> readings = new TreeMap<>();
        types.forEach(t -> readings.put(t, RelationshipReading.ofType(t)));
        return readings;
    }

    /** The shipped medical graph's readings (deploy/graphs/medical/relationship-types.jsonl), as loaded. */
    private static final Map<String, RelationshipReading> MEDICAL_READINGS = shippedReadings("medical");

    private static Map<String, RelationshipReading> shippedReadings(String domain) {
        Map<String, RelationshipReading> readings = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(TesseraStack.graphsDir().resolve(domain)
                    .resolve("relationship-types.jsonl"))) {
                if (!line.isBlank()) {
                    JsonNode type = new ObjectMapper().readTree(line);
                    readings.put(type.get("type").asText(), new RelationshipReading(type.get("reading").asText(),
                            type.get("reading_zh").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return readings;
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
        RelationRelevance relevance = RelationRelevance.english(encoder);
        List<String> medical = List.of("HAS_PRECAUTION", "HAS_RED_FLAG", "HAS_SYMPTOM", "TREATED_BY_SPECIALTY");
        ToDoubleFunction<String> symptoms = relevance.weigh("what are the symptoms of it", typed(medical)).weight();
        assertEquals("HAS_SYMPTOM", best(symptoms, medical));
        assertEquals(1.0, symptoms.applyAsDouble("HAS_SYMPTOM"), 1e-9);
        assertTrue(symptoms.applyAsDouble("HAS_PRECAUTION") < 0.5, "precautions were not asked for");
        assertEquals("TREATED_BY_SPECIALTY",
                best(relevance.weigh("which specialist treats it", typed(medical)).weight(), medical));
        List<String> finance = List.of("INCORPORATED_IN", "IN_SECTOR", "OWNS", "SUBSIDIARY_OF");
        assertEquals("SUBSIDIARY_OF",
                best(relevance.weigh("which company is it a subsidiary of", typed(finance)).weight(), finance));
        List<String> legal = List.of("CARRIES_RISK", "GOVERNED_BY", "INVOLVES_CONCEPT", "MITIGATED_BY");
        assertEquals("CARRIES_RISK",
                best(relevance.weigh("what risks does a it clause carry", typed(legal)).weight(), legal));
        // "has red flag" alone reads farther from "warning signs" than "has symptom" does; the graph's reading, "A
        // warning sign with it is what", says it.
        assertEquals("HAS_RED_FLAG",
                best(relevance.weigh("what are the warning signs of it", MEDICAL_READINGS).weight(), medical));
        assertEquals("HAS_SYMPTOM",
                best(relevance.weigh("what are the symptoms of it", MEDICAL_READINGS).weight(), medical));
    }

    @Test
    void aQuestionThatAsksForNoRelationshipLeavesEveryWeightAtOne() {
        RelationRelevance relevance = RelationRelevance.english(encoder);
        List<String> finance = List.of("INCORPORATED_IN", "IN_SECTOR", "OWNS", "SUBSIDIARY_OF");
        for (String open : List.of("tell me about it", "what should i know about it")) {
            ToDoubleFunction<String> weights = relevance.weigh(open, typed(finance)).weight();
            for (String type : finance) {
                assertEquals(1.0, weights.applyAsDouble(type), 1e-9, open + ": " + type);
            }
        }
    }

    @Test
    void oneTypeOrNoneLeavesEveryWeightAtOne() {
        RelationRelevance relevance = RelationRelevance.english(encoder);
        assertEquals(1.0, relevance.weigh("anything", typed(List.of("OWNS"))).weight().applyAsDouble("OWNS"));
        assertEquals(1.0, relevance.weigh("anything", Map.of()).weight().applyAsDouble("OWNS"));
        assertEquals(1.0, relevance.weigh("symptoms", typed(List.of("HAS_SYMPTOM", "OWNS"))).weight()
                .applyAsDouble("OTHER"), "a type it was not asked about");
    }

    @Test
    void anOpenQuestionAsksForNoneOfTheTypesEvenWhereThereIsOnlyOne() {
        RelationRelevance relevance = RelationRelevance.english(encoder);
        Map<String, RelationshipReading> finance = typed(List.of("INCORPORATED_IN", "IN_SECTOR", "OWNS",
                "SUBSIDIARY_OF"));
        assertTrue(relevance.weigh("tell me about it", finance).asksForNone());
        assertTrue(relevance.weigh("what should i know about it", finance).asksForNone());
        assertFalse(relevance.weigh("which company is it a subsidiary of", finance).asksForNone());
        assertTrue(relevance.weigh("tell me about it", typed(List.of("OWNS"))).asksForNone(), "one type, read too");
        RelationRelevance.Weights owned = relevance.weigh("which company owns it", typed(List.of("OWNS")));
        assertFalse(owned.asksForNone());
        assertEquals(1.0, owned.weight().applyAsDouble("OWNS"), 1e-9, "nothing to choose between");
        assertFalse(relevance.weigh("tell me about it", Map.of()).asksForNone(), "no type to read it against");
        RelationRelevance chinese = RelationRelevance.chinese(chineseEncoder);
        assertTrue(chinese.weigh("请介绍一下它。", MEDICAL_READINGS).asksForNone());
        assertFalse(chinese.weigh("它有哪些症状？", MEDICAL_READINGS).asksForNone());
        Map<String, RelationshipReading> oneUnread = new TreeMap<>(MEDICAL_READINGS);
        oneUnread.put("RED_FLAG_SYMPTOM", RelationshipReading.ofType("RED_FLAG_SYMPTOM"));
        assertFalse(chinese.weigh("请介绍一下它。", oneUnread).asksForNone(), "a type it cannot read could be asked");
    }

    /** Chinese questions as DomainService passes them: "它" where the name was. */
    @Test
    void aChineseQuestionIsReadAgainstTheGraphsChineseReadings() {
        RelationRelevance relevance = RelationRelevance.chinese(chineseEncoder);
        List<String> medical = List.copyOf(MEDICAL_READINGS.keySet());
        ToDoubleFunction<String> symptoms = relevance.weigh("它有哪些症状？", MEDICAL_READINGS).weight();
        assertEquals("HAS_SYMPTOM", best(symptoms, medical));
        assertTrue(symptoms.applyAsDouble("HAS_PRECAUTION") < 0.5, "precautions were not asked for");
        assertEquals("TREATED_BY_SPECIALTY",
                best(relevance.weigh("它由哪个科室诊治？", MEDICAL_READINGS).weight(), medical));
        assertEquals("HAS_RED_FLAG",
                best(relevance.weigh("它的危险信号有哪些？", MEDICAL_READINGS).weight(), medical));
        for (String open : List.of("请介绍一下它。", "它严重吗？")) {
            ToDoubleFunction<String> weights = relevance.weigh(open, MEDICAL_READINGS).weight();
            medical.forEach(type -> assertEquals(1.0, weights.applyAsDouble(type), 1e-9, open + ": " + type));
        }
    }

    @Test
    void aTypeWithoutAChineseReadingLeavesEveryChineseWeightAtOne() {
        Map<String, RelationshipReading> oneUnread = new TreeMap<>(MEDICAL_READINGS);
        oneUnread.put("RED_FLAG_SYMPTOM", RelationshipReading.ofType("RED_FLAG_SYMPTOM"));
        ToDoubleFunction<String> weights = RelationRelevance.chinese(chineseEncoder).weigh("它有哪些症状？", oneUnread)
                .weight();
        oneUnread.keySet().forEach(type -> assertEquals(1.0, weights.applyAsDouble(type), 1e-9, type));
    }
}
