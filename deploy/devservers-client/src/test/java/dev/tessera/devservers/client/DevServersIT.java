package dev.tessera.devservers.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

class DevServersIT {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_BUDGET = Duration.ofSeconds(10);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void serversAnswerStopPromptlyAndKeepTheirDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
        String markerId = UUID.randomUUID().toString();

        DevServers servers = DevServers.startOnFreePorts(dataDir);
        try {
            try (Driver driver = driver(servers)) {
                assertEquals(1, driver.executableQuery("RETURN 1 AS one").execute().records().get(0).get("one").asInt());
                try (Session session = driver.session()) {
                    session.executeWrite(tx -> tx.run("CREATE (:DevServersMarker {id: $id})", Map.of("id", markerId)).consume());
                }
                assertEquals(1, markerCount(driver, markerId));
            }
            String topic = "devservers-it-" + markerId;
            produce(servers, topic, markerId, "hello");
            List<ConsumerRecord<String, String>> consumed = consumeAtLeastOne(servers, topic);
            assertEquals(markerId, consumed.get(0).key());
            assertEquals("hello", consumed.get(0).value());
        } finally {
            Instant stopping = Instant.now();
            servers.close();
            Duration stopTime = Duration.between(stopping, Instant.now());
            assertTrue(stopTime.compareTo(STOP_BUDGET) < 0, "stop took " + stopTime);
        }
        assertFalse(ProcessHandle.of(servers.pid()).map(ProcessHandle::isAlive).orElse(false), "server JVM still alive after close()");

        try (DevServers restarted = DevServers.startOnFreePorts(dataDir); Driver driver = driver(restarted)) {
            assertEquals(1, markerCount(driver, markerId), "node written before the restart");
        }
    }

    private static Driver driver(DevServers servers) {
        Driver driver = GraphDatabase.driver(servers.boltUri(), AuthTokens.none());
        driver.verifyConnectivity();
        return driver;
    }

    private static long markerCount(Driver driver, String markerId) {
        return driver.executableQuery("MATCH (m:DevServersMarker {id: $id}) RETURN count(m) AS markers")
                .withParameters(Map.of("id", markerId))
                .execute().records().get(0).get("markers").asLong();
    }

    private static void produce(DevServers servers, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis() / 3,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // Through a consumer group, so that the offsets topic (single-node settings) is exercised too.
    private static List<ConsumerRecord<String, String>> consumeAtLeastOne(DevServers servers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "devservers-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(KAFKA_TIMEOUT);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (records.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertFalse(records.isEmpty(), "no record consumed from " + topic + " within " + KAFKA_TIMEOUT.toSeconds() + " s");
        return records;
    }
}
