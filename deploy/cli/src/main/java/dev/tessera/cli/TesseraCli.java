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
        CommandLine cli = new CommandLine(new TesseraCli());
        // Typed SDK errors are the user's to fix (bad input, missing model): one line, no stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("tessera: " + e.getMessage());
            return e instanceof dev.tessera.sdk.TesseraException || e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
