package dev.tessera.service.testing;

import dev.tessera.sdk.events.EventTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Reads the audit topic from the start, for tests that check what a request recorded. */
public final class AuditTopic {

    private AuditTopic() {
    }

    /**
     * The values of the records keyed by {@code requestId}; waits until at least one arrives and no more come for a
     * second, or until {@code timeout}.
     */
    public static List<String> read(String bootstrap, String requestId, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        Instant quietUntil = null;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(EventTopics.SAFETY_AUDIT));
            while (Instant.now().isBefore(deadline) && (quietUntil == null || Instant.now().isBefore(quietUntil))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (requestId.equals(r.key())) {
                        values.add(r.value());
                        quietUntil = Instant.now().plusSeconds(1);
                    }
                }
            }
        }
        return values;
    }
}
