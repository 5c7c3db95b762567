package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** A command run in this JVM with standard output captured, as the CLI tests need it: what it printed. */
final class CommandRun {

    private CommandRun() {
    }

    /** Runs {@code command} with {@code args}; returns what it printed, after checking it exited 0. */
    static String printed(Object command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new CommandLine(command).execute(args);
        } finally {
            System.setOut(previous);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        return printed;
    }

    /** The figures of the {@code RESULT {json}} line, which must be the last line printed. */
    static JsonNode result(String printed) throws JsonProcessingException {
        String last = printed.lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("RESULT {"), printed);
        return new ObjectMapper().readTree(last.substring("RESULT ".length()));
    }
}
