package dev.tessera.sdk.learning;

import dev.tessera.sdk.TestModels;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.head.LinearHead;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A learner over a fresh domain (own topics) and store, with the synthetic triage base model. */
final class LearningFixture implements AutoCloseable {

    static final SyntheticTriage.Splits SPLITS = SyntheticTriage.splits(7);

    final String domain;
    final KafkaSettings kafka;
    final ModelStore store;
    final ModelManifest base;
    final Learner learner;
    private final Thread thread;

    LearningFixture(String bootstrap, Path storeDir, LearnerSettings settings) {
        Random r = new Random();
        StringBuilder name = new StringBuilder("t");
        for (int i = 0; i < 10; i++) {
            name.append((char) ('a' + r.nextInt(26)));
        }
        this.domain = name.toString();
        this.kafka = KafkaSettings.builder(bootstrap).clientId("learning-test").build();
        this.store = ModelStore.open(storeDir, domain);
        this.base = SyntheticTriage.bootstrap(store, TestModels.miniLmQuantized(), SPLITS, 2000);
        this.learner = new Learner(domain, kafka, store, TestModels.miniLmQuantized(), settings);
        learner.ensureTopics();
        thread = new Thread(learner::run, "learner-" + domain);
        thread.setDaemon(true);
        thread.start();
    }

    static LearnerSettings fastSettings() {
        return LearnerSettings.builder().linger(Duration.ofMillis(200)).topicPartitions(2).build();
    }

    void sendFeedback(String tenant, List<SyntheticTriage.Example> examples, String label) {
        List<String> values = new ArrayList<>();
        for (SyntheticTriage.Example e : examples) {
            values.add(new FeedbackEvent(UUID.randomUUID().toString(), new ModelKey(tenant, SyntheticTriage.MODEL),
                    e.text(), null, label == null ? e.label() : label, null).toCloudEvent("/test").toJson());
        }
        sendRaw(new ModelKey(tenant, SyntheticTriage.MODEL).toString(), values);
    }

    void sendRaw(String key, List<String> values) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(kafka.producerProperties())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(EventTopics.feedback(domain), key, v));
            }
            p.flush();
        }
    }

    /** Records of {@code topic} for this domain's models, read from the start until {@code done} or 60 s. */
    List<ConsumerRecord<String, String>> readUntil(String topic, java.util.function.Predicate<List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(kafka.consumerProperties("read-" + UUID.randomUUID()))) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !done.test(out)) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (!topic.equals(EventTopics.MODELS) || domainOf(r).equals(domain)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    private static String domainOf(ConsumerRecord<String, String> r) {
        return CloudEvent.parse(r.value()).data().path("domain").asText();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    LinearHead currentHead(ModelKey key) {
        ModelManifest m = store.serving(key).orElseThrow();
        return LinearHead.fromOnnx(store.blob(m.artifacts().head()));
    }

    @Override
    public void close() throws InterruptedException {
        learner.stop();
        thread.join(30_000);
    }
}
