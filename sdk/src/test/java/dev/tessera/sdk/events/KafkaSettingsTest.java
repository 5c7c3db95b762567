package dev.tessera.sdk.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.devservers.client.DevServers;
import dev.tessera.devservers.client.DevServersExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevServersExtension.class)
class KafkaSettingsTest {

    @Test
    void saslAndTlsSettingsPassThroughAndSecretsStayHidden() {
        KafkaSettings settings = KafkaSettings.builder("broker-1:9093,broker-2:9093")
                .propertiesFromEnvironment("TESSERA_KAFKA_", Map.of(
                        "TESSERA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "TESSERA_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "TESSERA_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"hunter2\";",
                        "OTHER", "ignored"))
                .property("ssl.truststore.password", "changeit")
                .build();
        Properties producer = settings.producerProperties();
        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", producer.get("sasl.mechanism"));
        assertEquals("all", producer.get("acks"));
        assertEquals("false", settings.consumerProperties("g").get("enable.auto.commit"));
        assertFalse(settings.toString().contains("hunter2") || settings.toString().contains("changeit"), settings.toString());
        assertTrue(settings.toString().contains("SASL_SSL"));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.builder("no-port").build());
        assertThrows(IllegalArgumentException.class,
                () -> KafkaSettings.builder("h:1").property("bootstrap.servers", "x:1").build());
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.builder("h:1").build().consumerProperties(" "));
    }

    @Test
    void producerAndConsumerFromSettingsTalkToTheRealBroker(DevServers servers) {
        KafkaSettings settings = KafkaSettings.builder(servers.kafkaBootstrap()).clientId("tessera-test").build();
        String topic = "tessera.test." + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings.producerProperties())) {
            producer.send(new ProducerRecord<>(topic, "model-a", "{\"hello\":1}")).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("produce failed", e);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings.consumerProperties("g-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertEquals(1, records.count());
            assertEquals("model-a", records.iterator().next().key());
        }
    }
}
