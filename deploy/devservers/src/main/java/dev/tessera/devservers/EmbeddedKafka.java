package dev.tessera.devservers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/** A single-node Kafka KRaft cluster (broker and controller in one server), listening on 127.0.0.1 only. */
final class EmbeddedKafka implements AutoCloseable {
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READINESS_POLL = Duration.ofMillis(200);

    private final KafkaRaftServer server;

    private EmbeddedKafka(KafkaRaftServer server) {
        this.server = server;
    }

    static EmbeddedKafka start(DataDirectory dataDirectory, int brokerPort, int controllerPort, Duration timeout) throws Exception {
        Path logDir = dataDirectory.kafkaLogDir();
        Files.createDirectories(logDir);
        Properties properties = brokerProperties(logDir, brokerPort, controllerPort);
        formatStorageOnce(logDir, clusterId(dataDirectory.kafkaClusterIdFile()));

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(server);
        try {
            server.startup();
            awaitBrokerServing(brokerPort, timeout);
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        // A static voter set (rather than a formatted dynamic quorum) lets the controller port change between runs.
        properties.put("controller.quorum.voters", NODE_ID + "@" + Loopback.HOST + ":" + controllerPort);
        properties.put("listeners", BROKER_LISTENER + "://" + Loopback.HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + Loopback.HOST + ":" + controllerPort);
        properties.put("advertised.listeners", BROKER_LISTENER + "://" + Loopback.HOST + ":" + brokerPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("inter.broker.listener.name", BROKER_LISTENER);
        properties.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("log.dirs", logDir.toString());

        properties.put("auto.create.topics.enable", "true");
        properties.put("num.partitions", "1");
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        // Internal topics default to replication factor 3, which a single node can never satisfy;
        // one partition each keeps their creation (on first consumer group or transaction) fast.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("share.coordinator.state.topic.num.partitions", "1");
        // Consumers in tests join a group alone; the default 3 s wait for more members only slows them down.
        properties.put("group.initial.rebalance.delay.ms", "0");

        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        properties.put("background.threads", "2");
        properties.put("num.recovery.threads.per.data.dir", "1");
        return properties;
    }

    /** The equivalent of {@code kafka-storage format --ignore-formatted}: a no-op once the log dir has its meta.properties. */
    private static void formatStorageOnce(Path logDir, String clusterId) throws Exception {
        new Formatter()
                .setPrintStream(System.out)
                .setNodeId(NODE_ID)
                .setClusterId(clusterId)
                .setIgnoreFormatted(true)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDir.toString())
                .addDirectory(logDir.toString())
                .run();
    }

    private static String clusterId(Path clusterIdFile) throws IOException {
        if (Files.isRegularFile(clusterIdFile)) {
            return Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
        }
        String clusterId = Uuid.randomUuid().toString();
        Files.createDirectories(clusterIdFile.getParent());
        Files.writeString(clusterIdFile, clusterId + "\n", StandardCharsets.UTF_8);
        return clusterId;
    }

    /**
     * {@link KafkaRaftServer#startup()} returns before the broker has registered with its controller and been unfenced;
     * until then clients get metadata without brokers. Waits until the broker lists itself.
     */
    private static void awaitBrokerServing(int brokerPort, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Loopback.HOST + ":" + brokerPort,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000));
        try {
            while (!brokerListed(admin)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new DevServersFailure("Kafka broker on " + Loopback.HOST + ":" + brokerPort + " not serving after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(READINESS_POLL.toMillis());
            }
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private static boolean brokerListed(Admin admin) throws InterruptedException {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
