package dev.tessera.sdk.events;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends events a consumer cannot accept to {@code <topic>.dlq}, unchanged, with the reason and the origin in
 * headers ({@code tessera.dlq.reason}, {@code tessera.dlq.topic}, {@code tessera.dlq.partition},
 * {@code tessera.dlq.offset}), so the consumer can carry on and nothing is lost. The caller must
 * {@link Producer#flush()} before it commits the offsets of the dead-lettered events.
 */
public final class DeadLetters {

    public static final String REASON = "tessera.dlq.reason";
    public static final String TOPIC = "tessera.dlq.topic";
    public static final String PARTITION = "tessera.dlq.partition";
    public static final String OFFSET = "tessera.dlq.offset";
    /** Reasons are produced by validators, but are cut so a header stays small. */
    private static final int MAX_REASON_CHARS = 500;

    private final Producer<String, String> producer;
    private final AtomicLong sent = new AtomicLong();

    public DeadLetters(Producer<String, String> producer) {
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    public void send(ConsumerRecord<String, String> rejected, String reason) {
        String why = reason == null ? "unspecified" : reason;
        if (why.length() > MAX_REASON_CHARS) {
            why = why.substring(0, MAX_REASON_CHARS) + "…";
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(EventTopics.deadLetter(rejected.topic()),
                rejected.key(), rejected.value());
        record.headers().add(REASON, why.getBytes(StandardCharsets.UTF_8));
        record.headers().add(TOPIC, rejected.topic().getBytes(StandardCharsets.UTF_8));
        record.headers().add(PARTITION, Integer.toString(rejected.partition()).getBytes(StandardCharsets.UTF_8));
        record.headers().add(OFFSET, Long.toString(rejected.offset()).getBytes(StandardCharsets.UTF_8));
        producer.send(record);
        sent.incrementAndGet();
    }

    /** Events dead-lettered by this instance. */
    public long sent() {
        return sent.get();
    }
}
