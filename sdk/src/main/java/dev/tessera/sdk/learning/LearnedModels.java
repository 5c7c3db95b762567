package dev.tessera.sdk.learning;

import dev.tessera.sdk.TesseraException;
import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.head.LinearHead;
import dev.tessera.sdk.head.Prediction;
import dev.tessera.sdk.registry.ModelCard;
import dev.tessera.sdk.registry.ModelNotFoundException;
import dev.tessera.sdk.registry.ModelRegistry;
import dev.tessera.sdk.registry.Served;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the learner's models: every tenant's current version from the {@link ModelStore}, hot-swapped through a
 * {@link ModelRegistry} when a {@code promoted} or {@code rolled-back} event arrives (no request dropped: calls in
 * flight finish on the version they leased). A tenant without a model of its own is served the base model.
 * Optionally publishes each prediction (no text) to {@code tessera.<domain>.predictions} for drift detection.
 */
public final class LearnedModels implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LearnedModels.class);

    private final ModelStore store;
    private final SentenceEncoder encoder;
    private final ModelRegistry<LinearHead> registry = new ModelRegistry<>(head -> { });
    private final AtomicBoolean following = new AtomicBoolean();
    private volatile Thread follower;
    private volatile KafkaProducer<String, String> predictionProducer;

    public LearnedModels(ModelStore store, SentenceEncoder encoder) {
        this.store = Objects.requireNonNull(store, "store");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        activateStored();
    }

    /** Serves the version the store names for every model. */
    private void activateStored() {
        store.state().models().forEach((name, entry) -> activate(ModelKey.parse(name), entry.current()));
    }

    /**
     * Classifies {@code text} with the tenant's current version.
     *
     * @throws ModelNotFoundException when neither the tenant nor the base has the model
     */
    public Served<Prediction> predict(ModelKey key, String text) {
        Embedding e = encoder.embed(text);
        String name = registry.active(key.toString()).isPresent() ? key.toString() : key.baseKey().toString();
        if (registry.active(name).isEmpty()) {
            throw new ModelNotFoundException("no model " + key.model() + " for tenant " + key.tenant()
                    + " (nor a base model) in the " + store.domain() + " store");
        }
        Served<Prediction> served = registry.serve(name,
                head -> Prediction.of(head.labels(), head.scores(e.vector()), head.type(), e.truncated()));
        KafkaProducer<String, String> producer = predictionProducer;
        if (producer != null) {
            PredictionEvent event = PredictionEvent.of(key, served.version(), served.value().topLabel(),
                    served.value().topProbability(), e.vector());
            producer.send(new ProducerRecord<>(EventTopics.predictions(store.domain()), key.toString(),
                    event.toCloudEvent("/tessera/serving/" + store.domain()).toJson()));
        }
        return served;
    }

    /** The version that serves {@code key} now, if any. */
    public String servingVersion(ModelKey key) {
        return registry.active(key.toString()).or(() -> registry.active(key.baseKey().toString()))
                .map(ModelCard::version).orElse(null);
    }

    /** Applies a lifecycle event: promoted and rolled-back versions of this domain start serving. */
    public void apply(ModelEvent event) {
        if (!event.domain().equals(store.domain())) {
            return;
        }
        if (event.kind() == ModelEvent.Kind.PROMOTED || event.kind() == ModelEvent.Kind.ROLLED_BACK) {
            activate(event.key(), event.version());
        }
    }

    private synchronized void activate(ModelKey key, String version) {
        String name = key.toString();
        boolean loaded = registry.modelNames().contains(name)
                && registry.versions(name).stream().anyMatch(c -> c.version().equals(version));
        if (!loaded) {
            ModelManifest m = store.manifest(key, version);
            LinearHead head = LinearHead.fromOnnx(store.blob(m.artifacts().head()));
            registry.register(new ModelCard(name, version, "tessera learner, parent " + m.parent(),
                    "base training data + " + m.training().feedbackTotal() + " feedback events",
                    "project", m.metrics(), m.artifacts().head()), head);
        }
        registry.activate(name, version);
    }

    /** Publishes every prediction to the domain's predictions topic from now on. */
    public void publishPredictions(KafkaSettings kafka) {
        Properties p = kafka.producerProperties();
        p.put("linger.ms", "20");
        predictionProducer = new KafkaProducer<>(p);
    }

    /**
     * Follows {@code tessera.models} in a background thread. The read position is fixed before the store is read
     * again, so no event between the two is missed.
     */
    public void follow(KafkaSettings kafka) {
        if (!following.compareAndSet(false, true)) {
            throw new IllegalStateException("already following");
        }
        Properties props = kafka.consumerProperties("tessera-serving-" + UUID.randomUUID());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(EventTopics.MODELS, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(EventTopics.MODELS, i.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            following.set(false);
            throw new TesseraException("topic " + EventTopics.MODELS + " does not exist at " + kafka.bootstrapServers()
                    + "; start the learner first (it creates it) or create it");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        activateStored();
        follower = new Thread(() -> {
            try (consumer) {
                while (following.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        try {
                            apply(ModelEvent.from(CloudEvent.parse(r.value())));
                        } catch (TesseraException e) {
                            LOG.warn("Model event {}@{} ignored: {}", r.partition(), r.offset(), e.getMessage());
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                Thread.currentThread().interrupt();
            }
        }, "tessera-model-follower");
        follower.setDaemon(true);
        follower.start();
    }

    @Override
    public void close() {
        following.set(false);
        Thread t = follower;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        KafkaProducer<String, String> p = predictionProducer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
        registry.close();
    }
}
