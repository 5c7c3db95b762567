package dev.tessera.devservers;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stop", description = "Stops the background servers: SIGTERM, then SIGKILL after the timeout.")
final class StopCommand implements Callable<Integer> {
    @Mixin
    private DataDirOption dataDirOption;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20", description = "Grace period before SIGKILL. Default: ${DEFAULT-VALUE}.")
    private int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        DataDirectory dataDirectory = dataDirOption.dataDirectory();
        Optional<ProcessHandle> running = dataDirectory.runningServer();
        if (running.isEmpty()) {
            dataDirectory.deleteRunFiles();
            System.out.println("devservers not running (data dir " + dataDirectory.root() + ")");
            return 0;
        }
        ProcessHandle server = running.get();
        Instant started = Instant.now();
        boolean graceful = ServerProcess.stop(server, Duration.ofSeconds(timeoutSeconds));
        // A killed server cannot remove its own pid and endpoints files.
        dataDirectory.deleteRunFiles();
        if (graceful) {
            System.out.printf("devservers stopped in %.1f s (pid %d)%n", Duration.between(started, Instant.now()).toMillis() / 1000.0, server.pid());
        } else {
            System.err.println("devservers: pid " + server.pid() + " did not stop within " + timeoutSeconds + " s; killed it with SIGKILL");
        }
        return 0;
    }
}
