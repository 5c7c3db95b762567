package dev.tessera.devservers;

import picocli.CommandLine.Option;

/** Client-facing ports, for the commands that start servers. */
final class PortOptions {
    @Option(names = "--bolt-port", paramLabel = "PORT", defaultValue = "7687", description = "Neo4j Bolt port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int boltPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092", description = "Kafka broker port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    DataDirectory.Endpoints endpoints() {
        return new DataDirectory.Endpoints(boltPort, kafkaPort);
    }
}
