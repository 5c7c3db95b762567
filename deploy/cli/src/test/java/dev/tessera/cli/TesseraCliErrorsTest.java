package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** How the operator's entry point reports a failed command: the user's mistakes in a line, Tessera's with a trace. */
class TesseraCliErrorsTest {

    @Command(name = "fail")
    static final class Failing implements Runnable {
        private final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void run() {
            throw failure;
        }
    }

    @Command(name = "missing")
    static final class MissingFile implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw new NoSuchFileException("/nowhere/train.jsonl");
        }
    }

    private record Outcome(int exit, String err) {
    }

    private static Outcome run(Object command, String name) {
        CommandLine cli = TesseraCli.commandLine().addSubcommand(name, command);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(name);
        return new Outcome(exit, err.toString());
    }

    @Test
    void badInputIsOneLineWithoutATrace() {
        Outcome result = run(new Failing(new IllegalArgumentException("--limit must be > 0")), "fail");
        assertEquals(2, result.exit());
        assertEquals("tessera: --limit must be > 0", result.err().strip());
    }

    @Test
    void anUnreadableFileIsOneLine() {
        Outcome result = run(new MissingFile(), "missing");
        assertEquals(1, result.exit());
        assertEquals("tessera: /nowhere/train.jsonl", result.err().strip());
    }

    @Test
    void aFaultInTesseraCarriesItsTrace() {
        Outcome result = run(new Failing(new IndexOutOfBoundsException("start > end")), "fail");
        assertEquals(1, result.exit());
        assertTrue(result.err().startsWith("tessera: start > end"), result.err());
        assertTrue(result.err().contains("java.lang.IndexOutOfBoundsException: start > end"), result.err());
        assertTrue(result.err().contains("\tat dev.tessera.cli.TesseraCliErrorsTest."),
                "the trace's frames: " + result.err());
    }
}
