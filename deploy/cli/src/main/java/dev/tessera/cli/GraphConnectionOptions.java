package dev.tessera.cli;

import dev.tessera.sdk.graph.GraphSettings;
import picocli.CommandLine.Option;

/** Where Neo4j is; shared by the graph commands. Any Neo4j 5 works; the defaults match the dev servers. */
final class GraphConnectionOptions {

    @Option(names = "--uri", defaultValue = "bolt://127.0.0.1:7687",
            description = "Bolt URI of Neo4j (default: ${DEFAULT-VALUE}).")
    String uri;

    @Option(names = "--user", defaultValue = "neo4j", description = "Neo4j user (default: ${DEFAULT-VALUE}).")
    String user;

    // From the environment by default: a password on the command line shows in the process list.
    @Option(names = "--password", defaultValue = "${env:NEO4J_PASSWORD}",
            description = "Neo4j password (default: $NEO4J_PASSWORD; none means no authentication, as in the dev servers).")
    String password;

    @Option(names = "--database", defaultValue = "neo4j", description = "Database (default: ${DEFAULT-VALUE}).")
    String database;

    GraphSettings settings() {
        return settingsBuilder().build();
    }

    GraphSettings.Builder settingsBuilder() {
        return GraphSettings.builder(uri)
                .credentials(user, password == null ? "" : password)
                .database(database);
    }
}
