package dev.tessera.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Parent of the commands that retrain shipped heads from {@code ../shared/data}; each ends with {@code RESULT {json}}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Retrain shipped heads from ../shared/data (each ends with a RESULT {json} line).",
        subcommands = {TrainSafetyCommand.class})
final class TrainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
