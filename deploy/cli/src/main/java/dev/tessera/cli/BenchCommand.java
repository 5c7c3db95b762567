package dev.tessera.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Parent of the benchmarks; each ends its output with one {@code RESULT {json}} line. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (each ends with a RESULT {json} line).",
        subcommands = {BenchEncoderCommand.class, BenchGraphCommand.class, BenchLearningCommand.class,
                BenchScreenCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
