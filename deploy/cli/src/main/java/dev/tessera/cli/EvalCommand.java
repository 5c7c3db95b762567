package dev.tessera.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Parent of the evaluation commands ({@code tessera eval safety}, {@code tessera eval linking}). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate shipped models on the public test splits; each command ends with RESULT {json}.",
        subcommands = {EvalSafetyCommand.class, EvalLinkingCommand.class, EvalGraphQuestionsCommand.class,
                EvalAnswersCommand.class, EvalScopeCommand.class})
final class EvalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
