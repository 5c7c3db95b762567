package dev.tessera.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Parent of the knowledge-graph commands. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Knowledge graph in Neo4j: load a domain's graph (schema, embeddings, nodes, relationships).",
        subcommands = {GraphLoadCommand.class})
final class GraphCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
