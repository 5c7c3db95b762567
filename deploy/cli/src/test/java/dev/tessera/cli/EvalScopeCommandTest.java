package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvalScopeCommandTest {

    @Test
    void scoresTheShippedHeadOnTheDevRequestsAndEndsWithResult() throws Exception {
        String printed = CommandRun.printed(new EvalScopeCommand(), "--split", "dev", "--show-misses");
        JsonNode result = CommandRun.result(printed);
        assertEquals("dev", result.get("split").asText());
        assertEquals(80, result.get("requests").asInt());
        assertEquals(0.1, result.get("min_probability").asDouble(), 1e-12, "the services' rule by default");
        assertEquals(0.0, result.get("in_domain_refused").asDouble(), printed);
        double accuracy = result.get("scope_accuracy").asDouble();
        assertTrue(accuracy > 0.5 && accuracy <= 1.0, printed);
        assertTrue(printed.contains("out_of_scope"), "the misses are listed: " + printed);
    }

    @Test
    void aBadSplitOrRuleIsOneLineBeforeAnyModelLoads() {
        for (String[] args : new String[][] {{"--split", "train"}, {"--min-probability", "1.5"}}) {
            CommandLine cli = TesseraCli.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            String[] full = new String[args.length + 2];
            full[0] = "eval";
            full[1] = "scope";
            System.arraycopy(args, 0, full, 2, args.length);
            assertEquals(2, cli.execute(full), err.toString());
            assertTrue(err.toString().startsWith("tessera: "), err.toString());
        }
    }
}
