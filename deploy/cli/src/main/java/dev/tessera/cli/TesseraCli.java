package dev.tessera.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code deploy/bin/tessera}. */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "tessera 0.1.0-SNAPSHOT",
        description = "Tessera operator commands: run models, benchmark them.",
        subcommands = {EmbedCommand.class, GraphCommand.class, SafetyCommand.class, TrainCommand.class, EvalCommand.class,
                LearnerCommand.class, ModelCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class TesseraCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command tree with its error handling, unexecuted. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TesseraCli());
        // Typed SDK errors and unreadable files are the user's to fix (bad input, missing model): one line, no stack
        // trace. Anything else is a fault in Tessera, and its trace is what a bug report needs.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("tessera: " + e.getMessage());
            if (e instanceof dev.tessera.sdk.TesseraException || e instanceof IllegalArgumentException) {
                return 2;
            }
            if (!(e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException)) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
