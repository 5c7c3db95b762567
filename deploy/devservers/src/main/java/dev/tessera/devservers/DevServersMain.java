package dev.tessera.devservers;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Real Neo4j and Kafka for development and tests, in a JVM of their own: their Netty and kafka-clients versions
 * would clash with Quarkus on a shared class path. Nothing here is used in production.
 */
@Command(name = "devservers",
        description = "Embedded Neo4j 5 and Kafka 4 (KRaft) on 127.0.0.1 for development.",
        subcommands = {RunCommand.class, StartCommand.class, StopCommand.class, StatusCommand.class})
public final class DevServersMain implements Callable<Integer> {
    static final int FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    private boolean helpRequested;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** No subcommand given. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    static CommandLine commandLine() {
        return new CommandLine(new DevServersMain()).setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof DevServersFailure) {
                commandLine.getErr().println("devservers: " + exception.getMessage());
            } else {
                commandLine.getErr().println("devservers: " + exception);
                exception.printStackTrace(commandLine.getErr());
            }
            return FAILED;
        });
    }
}
