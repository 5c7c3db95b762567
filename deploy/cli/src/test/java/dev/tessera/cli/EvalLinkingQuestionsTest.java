package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.sdk.graph.LinkedEntity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped linking questions name entities their graphs hold; a bad question file is a clear error. */
class EvalLinkingQuestionsTest {

    @Test
    void everyQuestionNamesAnEntityOfItsGraph() throws Exception {
        Path graphs = GraphLoadCommand.defaultGraphsDir();
        ObjectMapper json = new ObjectMapper();
        for (String domain : List.of("legal", "medical", "finance")) {
            Set<String> ids = new HashSet<>();
            for (String line : Files.readAllLines(graphs.resolve(domain).resolve("nodes.jsonl"))) {
                if (!line.isBlank()) {
                    ids.add(json.readTree(line).get("id").asText());
                }
            }
            List<EvalLinkingCommand.Question> questions =
                    EvalLinkingCommand.read(graphs.resolve(domain).resolve(EvalLinkingCommand.QUESTIONS_FILE));
            assertTrue(questions.size() >= 10, domain + ": " + questions.size() + " questions");
            for (EvalLinkingCommand.Question q : questions) {
                assertTrue(ids.contains(q.entity()), domain + ": " + q.entity() + " is not in the graph");
                assertTrue(q.entity().startsWith(domain + ":"), q.entity());
            }
            List<EvalLinkingCommand.Question> relevance =
                    EvalLinkingCommand.read(graphs.resolve(domain).resolve(EvalLinkingCommand.RELEVANCE_FILE));
            for (String split : List.of("dev", "test")) {
                for (boolean chinese : List.of(false, true)) {
                    for (boolean covered : List.of(false, true)) {
                        long n = relevance.stream().filter(q -> q.split().equals(split) && q.chinese() == chinese
                                && q.covered() == covered).count();
                        assertTrue(n >= 10, domain + " " + split + (chinese ? " zh" : " en")
                                + (covered ? " about an entity: " : " not held: ") + n);
                    }
                }
            }
            relevance.stream().filter(EvalLinkingCommand.Question::covered).forEach(q ->
                    assertTrue(ids.contains(q.entity()), domain + ": " + q.entity() + " is not in the graph"));
        }
    }

    @Test
    void aFloorKeepsTheNamedAndTheSimilarEnoughThenTheFirstThree() {
        EvalLinkingCommand.Linked linked = new EvalLinkingCommand.Linked(
                new EvalLinkingCommand.Question("q", "a", "dev"),
                List.of(entity("a", 0.2, "a"), entity("b", 0.3, ""), entity("c", 0.5, ""), entity("d", 0.6, ""),
                        entity("e", 0.7, "")));
        assertEquals(List.of("a", "b", "c"), linked.top());
        assertEquals(List.of("a", "c", "d"), linked.floored(0.5), "named a stays; b falls below; d moves up");
        assertEquals(List.of("a"), linked.floored(0.9));
    }

    private static LinkedEntity entity(String id, double similarity, String mention) {
        return new LinkedEntity(id, List.of(), id, 0.5, similarity, Set.of(LinkedEntity.Match.VECTOR), mention);
    }

    @Test
    void aQuestionAboutWhatTheGraphDoesNotHoldHasANullEntity(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.jsonl");
        Files.writeString(file, "{\"question\": \"How do I renew a passport?\", \"entity\": null, "
                + "\"split\": \"test\"}\n"
                + "{\"question\": \"Is a non-compete enforceable?\", \"entity\": \"legal:clause:non_compete\"}\n");
        assertEquals(List.of(new EvalLinkingCommand.Question("How do I renew a passport?", null, "test"),
                new EvalLinkingCommand.Question("Is a non-compete enforceable?", "legal:clause:non_compete", "dev")),
                EvalLinkingCommand.read(file));
        Files.writeString(file, "{\"question\": \"What is it?\", \"entity\": null, \"split\": \"train\"}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EvalLinkingCommand.read(file)).getMessage()
                .contains("must be dev or test"));
    }

    @Test
    void aBadQuestionFileIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.jsonl");
        Files.writeString(file, "{\"question\": \"What is it?\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalLinkingCommand.read(file));
        assertTrue(e.getMessage().contains("q.jsonl:1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EvalLinkingCommand.read(dir.resolve("missing.jsonl")));
        Files.writeString(file, "\n");
        assertEquals("no questions in " + file,
                assertThrows(IllegalArgumentException.class, () -> EvalLinkingCommand.read(file)).getMessage());
    }
}
