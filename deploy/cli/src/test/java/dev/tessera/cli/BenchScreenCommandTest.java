package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer 1 benchmark on a question file written here: both configurations timed, one RESULT line. */
class BenchScreenCommandTest {

    @Test
    void timesBothConfigurationsAndEndsWithOneResultLine(@TempDir Path graphs) throws Exception {
        Path legal = Files.createDirectories(graphs.resolve("legal"));
        Files.write(legal.resolve(EvalLinkingCommand.QUESTIONS_FILE), List.of(
                "{\"question\": \"Is a non-compete enforceable?\", \"entity\": \"legal:clause:non_compete\"}",
                "{\"question\": \"What does a cap on liability do?\", \"entity\": \"legal:clause:cap_on_liability\"}"));
        String printed = CommandRun.printed(new BenchScreenCommand(), "--questions", "3", "--warm-up-seconds", "0",
                "--graphs-dir", graphs.toString());
        JsonNode result = CommandRun.result(printed);
        assertEquals(3, result.get("questions").asInt());
        assertEquals(2, result.get("distinct_questions").asInt());
        for (String key : List.of("p50_ms", "p99_ms", "p50_ms_no_recent_embeddings", "p99_ms_no_recent_embeddings")) {
            assertTrue(result.get(key).asDouble() > 0, key + " in " + printed);
        }
    }
}
