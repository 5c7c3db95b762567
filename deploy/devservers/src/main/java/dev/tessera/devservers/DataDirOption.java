package dev.tessera.devservers;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by every command. */
final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where Neo4j and Kafka keep their data, the log and the pid file. Default: $TESSERA_HOME/devservers, TESSERA_HOME defaulting to ~/.tessera.")
    private Path dataDir;

    DataDirectory dataDirectory() {
        return new DataDirectory(dataDir != null ? dataDir : DataDirectory.defaultRoot());
    }
}
