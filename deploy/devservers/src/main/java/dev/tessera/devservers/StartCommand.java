package dev.tessera.devservers;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start", description = "Starts the servers in a background JVM and returns once both answer.")
final class StartCommand implements Callable<Integer> {
    @Mixin
    private DataDirOption dataDirOption;

    @Mixin
    private PortOptions ports;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "How long to wait for READY. Default: ${DEFAULT-VALUE}.")
    private int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Instant started = Instant.now();
        DataDirectory dataDirectory = dataDirOption.dataDirectory();
        dataDirectory.create();
        dataDirectory.runningServer().ifPresent(running -> {
            throw new DevServersFailure("already running (pid " + running.pid() + ", data dir " + dataDirectory.root() + "); run `stop` first");
        });
        DataDirectory.Endpoints endpoints = ports.endpoints();
        Loopback.requireFree(endpoints.boltPort(), "Bolt");
        Loopback.requireFree(endpoints.kafkaPort(), "Kafka");

        // The background JVM runs the very class path this one was started with: this module plus its dependencies.
        Process server = ServerProcess.launch(dataDirectory, endpoints, System.getProperty("java.class.path"));
        ServerProcess.awaitReady(server, dataDirectory, Duration.ofSeconds(timeoutSeconds));
        out.printf("devservers started in %.1f s (pid %d): bolt=%s kafka=%s%n  log: %s%n",
                Duration.between(started, Instant.now()).toMillis() / 1000.0, server.pid(),
                endpoints.boltUri(), endpoints.kafkaBootstrap(), dataDirectory.logFile());
        return 0;
    }
}
