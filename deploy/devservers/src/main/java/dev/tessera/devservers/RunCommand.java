package dev.tessera.devservers;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", description = "Runs Neo4j and Kafka in this JVM, in the foreground, until SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    private DataDirOption dataDirOption;

    @Mixin
    private PortOptions ports;

    @Option(names = "--controller-port", paramLabel = "PORT", description = "Kafka KRaft controller port on 127.0.0.1. Default: any free port.")
    private Integer controllerPort;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Give up starting after this long. Default: ${DEFAULT-VALUE}.")
    private int startupTimeoutSeconds;

    // Set by launchers so that a server orphaned by a crashed or killed test JVM does not hold its ports and data dir forever.
    @Option(names = "--exit-with-parent", paramLabel = "PID", hidden = true)
    private Long parentPid;

    @Override
    public Integer call() throws Exception {
        ProgressLog log = new ProgressLog(System.out);
        Instant started = Instant.now();
        DataDirectory dataDirectory = dataDirOption.dataDirectory();
        dataDirectory.create();
        dataDirectory.claimForThisProcess();
        RunningServers servers = new RunningServers(dataDirectory, log);
        Runtime.getRuntime().addShutdownHook(new Thread(servers::stop, "devservers-shutdown"));
        if (parentPid != null) {
            exitWhenParentExits(parentPid, log);
        }

        DataDirectory.Endpoints endpoints = ports.endpoints();
        int controller = controllerPort != null ? controllerPort : Loopback.freePort();
        Loopback.requireFree(endpoints.boltPort(), "Bolt");
        Loopback.requireFree(endpoints.kafkaPort(), "Kafka");
        Loopback.requireFree(controller, "Kafka controller");

        Duration timeout = Duration.ofSeconds(startupTimeoutSeconds);
        servers.start(endpoints, controller, timeout);
        Loopback.awaitAnswering(endpoints.boltPort(), "Bolt", timeout);
        Loopback.awaitAnswering(endpoints.kafkaPort(), "Kafka", timeout);
        dataDirectory.writeEndpoints(endpoints);
        log.say("ready after " + Duration.between(started, Instant.now()).toMillis() + " ms, data dir " + dataDirectory.root());
        log.ready(endpoints);

        // The servers run on their own threads; the shutdown hook stops them and lets the JVM exit.
        new CountDownLatch(1).await();
        return 0;
    }

    private static void exitWhenParentExits(long parentPid, ProgressLog log) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    log.say("parent process " + parentPid + " exited");
                    System.exit(0);
                }),
                () -> {
                    throw new DevServersFailure("parent process " + parentPid + " is not running");
                });
    }
}
