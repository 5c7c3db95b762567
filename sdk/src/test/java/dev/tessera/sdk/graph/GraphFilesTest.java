package dev.tessera.sdk.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.sdk.graph.GraphFiles.GraphData;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphFilesTest {

    static Path graphDir(String name) {
        try {
            return Path.of(GraphFilesTest.class.getResource("/graph/" + name + "/nodes.jsonl").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheSampleGraph() {
        GraphData data = GraphFiles.read(GraphDomain.of("sample"), graphDir("sample"));
        assertEquals(20, data.nodes().size());
        assertEquals(20, data.relationships().size());
        GraphFiles.NodeLine malaria = data.nodes().get(0);
        assertEquals("sample:disease:malaria", malaria.id());
        assertEquals(List.of("打摆子"), malaria.aliasesZh());
        assertEquals(Map.of("icd10", "B54", "infectious", true), malaria.properties());
    }

    @Test
    void namesAreTheNameThenTheAliasesOfEachLanguage() {
        List<GraphNames.Entity> entities = GraphNames.read(GraphDomain.of("sample"), graphDir("sample"));
        assertEquals(20, entities.size());
        GraphNames.Entity malaria = entities.get(0);
        assertEquals("Disease", malaria.label());
        assertEquals(List.of("Malaria", "paludism"), malaria.english());
        assertEquals(List.of("疟疾", "打摆子"), malaria.chinese());
        assertThrows(GraphDataException.class, () -> GraphNames.read(GraphDomain.of("broken"), graphDir("broken")),
                "names are read only from files the loader would load");
    }

    @Test
    void reportsEveryProblemWithItsLineAndWritesNothing() {
        GraphDataException e = assertThrows(GraphDataException.class,
                () -> GraphFiles.read(GraphDomain.of("broken"), graphDir("broken")));
        List<String> problems = e.problems();
        assertEquals(7, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith("nodes.jsonl:2: label 'Disease}) DETACH DELETE n //' must match"),
                problems.get(0));
        assertEquals("nodes.jsonl:3: duplicate id 'broken:symptom:fever'", problems.get(1));
        assertEquals("nodes.jsonl:4: id 'medical:symptom:cough' does not start with 'broken:'", problems.get(2));
        assertTrue(problems.get(3).startsWith("nodes.jsonl:5: not valid JSON"), problems.get(3));
        assertTrue(problems.get(4).startsWith("nodes.jsonl:6: property 'scale' must be"), problems.get(4));
        assertEquals("relationships.jsonl:2: 'to' node 'broken:symptom:missing' is not in nodes.jsonl", problems.get(5));
        assertTrue(problems.get(6).startsWith("relationships.jsonl:3: type 'related to' must match"), problems.get(6));
        assertTrue(e.getMessage().contains("nothing was loaded"), e.getMessage());
    }

    @Test
    void readsEachTypesReadingAndLeavesTheChineseOneEmptyWhereTheGraphGivesNone() {
        GraphData data = GraphFiles.read(GraphDomain.of("sample"), graphDir("sample"));
        assertEquals(6, data.readings().size());
        assertEquals(new RelationshipReading("Symptoms of {subject} include {object}", "{subject}的症状包括{object}"),
                data.readings().get("HAS_SYMPTOM"));
        assertEquals("", data.readings().get("RELATED_CLAUSE").chinese());
        RelationshipRank frequency = data.ranks().get("HAS_SYMPTOM");
        assertEquals(new RelationshipRank("frequency", List.of("common", "occasional"), false), frequency);
        assertEquals(0.0, frequency.of(Map.of("frequency", "common")));
        assertEquals(1.0, frequency.of(Map.of("frequency", "occasional")));
        assertEquals(2.0, frequency.of(Map.of()), "no value ranks after every listed one");
        RelationshipRank percent = new RelationshipRank("percent", List.of(), true);
        assertEquals(-60.0, percent.of(Map.of("percent", 60)));
        assertEquals(null, percent.of(Map.of("percent", "sixty")), "no number: walked last");
        assertEquals(Map.of("HAS_SYMPTOM", frequency), data.ranks(), "only the types that declare rank_by");
    }

    @Test
    void reportsEveryProblemOfTheRelationshipTypesFile() {
        GraphDataException e = assertThrows(GraphDataException.class,
                () -> GraphFiles.read(GraphDomain.of("broken_types"), graphDir("broken_types")));
        assertEquals(List.of(
                "relationship-types.jsonl:2: type 'HAS_SYMPTOM' is declared twice",
                "relationship-types.jsonl:3: 'reading' '{subject} causes fever' must hold {object} exactly once",
                "relationship-types.jsonl:4: 'reading_zh' '{subject}治疗{object}{object}' must hold {object} "
                        + "exactly once",
                "relationship-types.jsonl:5: unknown field 'label'",
                "relationship-types.jsonl:5: type 'has part' must match " + CypherNames.RELATIONSHIP_TYPE.pattern(),
                "relationship-types.jsonl:6: 'rank_by' must be an object",
                "relationship-types.jsonl:7: 'rank_by' takes 'values' or 'descending', not both",
                "relationship-types.jsonl:7: 'rank_by.property' 'rank' is set by the loader",
                "relationship-types.jsonl:8: unknown field 'order'",
                "relationship-types.jsonl:8: 'property' must be a non-empty string",
                "relationships.jsonl:1: property key 'reading' is reserved",
                "relationships.jsonl:2: type 'SYMPTOM_OF' is not declared in relationship-types.jsonl"),
                e.problems());
    }

    @Test
    void aMissingFileIsNamed() {
        GraphDataException e = assertThrows(GraphDataException.class,
                () -> GraphFiles.read(GraphDomain.of("sample"), graphDir("sample").resolve("nowhere")));
        assertTrue(e.problems().get(0).endsWith("nodes.jsonl: no such file"), e.problems().toString());
    }
}
