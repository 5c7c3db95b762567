package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
        }
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
