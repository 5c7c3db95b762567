package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The address-layout probe from the command line, with its parts taken from two texts written here. */
class SafetyProbeAddressesCommandTest {

    private static Path writeParts(Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String street = json.writeValueAsString(Map.of("text", "5049 Harjukuja 54", "spans", List.of(
                Map.of("type", "STREET_ADDRESS", "start", 0, "end", 4),
                Map.of("type", "STREET_ADDRESS", "start", 5, "end", 17))));
        String places = json.writeValueAsString(Map.of("text", "Apt. 595\nSeinäjoki\nFinland", "spans", List.of(
                Map.of("type", "STREET_ADDRESS", "start", 0, "end", 8),
                Map.of("type", "GPE", "start", 9, "end", 18),
                Map.of("type", "GPE", "start", 19, "end", 26))));
        return Files.write(dir.resolve("train.jsonl"), List.of(street, places));
    }

    @Test
    void scoresEveryLayoutAndEndsWithAResultLine(@TempDir Path dir) throws Exception {
        String printed = CommandRun.printed(new SafetyProbeAddressesCommand(), "--data", writeParts(dir).toString(),
                "--addresses", "2", "--seed", "3");
        JsonNode result = CommandRun.result(printed);
        assertEquals(2 * 8 * 5, result.get("cases").asInt());
        assertEquals(8, result.get("per_layout").size());
        double exact = result.get("exact_rate").asDouble();
        assertTrue(exact >= 0 && exact <= 1, printed);
        assertTrue(result.get("per_layout").get("number_street").get("exact").asDouble() > 0,
                "the plainest layout is found: " + printed);
    }

    @Test
    void aBadCountIsRejected(@TempDir Path dir) throws Exception {
        assertNotEquals(0, new CommandLine(new SafetyProbeAddressesCommand())
                .execute("--data", writeParts(dir).toString(), "--addresses", "0"));
    }
}
