package dev.tessera.devservers;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Tells whether the servers run and answer. Exit code 0: both answer, 1: running but not answering, 3: not running.")
final class StatusCommand implements Callable<Integer> {
    static final int NOT_RUNNING = 3;

    @Mixin
    private DataDirOption dataDirOption;

    @Override
    public Integer call() {
        DataDirectory dataDirectory = dataDirOption.dataDirectory();
        Optional<ProcessHandle> running = dataDirectory.runningServer();
        if (running.isEmpty()) {
            System.err.println("devservers: not running (data dir " + dataDirectory.root() + ")");
            return NOT_RUNNING;
        }
        long pid = running.get().pid();
        Optional<DataDirectory.Endpoints> endpoints = dataDirectory.readEndpoints();
        if (endpoints.isEmpty()) {
            System.err.println("devservers: pid " + pid + " is running but not ready yet (data dir " + dataDirectory.root() + ")");
            return 1;
        }
        DataDirectory.Endpoints ports = endpoints.get();
        boolean boltAnswers = Loopback.isAnswering(ports.boltPort());
        boolean kafkaAnswers = Loopback.isAnswering(ports.kafkaPort());
        System.out.printf("devservers running (pid %d, data dir %s)%n  bolt=%s %s%n  kafka=%s %s%n", pid, dataDirectory.root(),
                ports.boltUri(), boltAnswers ? "answering" : "NOT answering",
                ports.kafkaBootstrap(), kafkaAnswers ? "answering" : "NOT answering");
        if (!boltAnswers || !kafkaAnswers) {
            System.err.println("devservers: pid " + pid + " is running but " + (boltAnswers ? "Kafka" : "Bolt") + " is not answering");
            return 1;
        }
        return 0;
    }
}
