package dev.tessera.sdk.learning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.sdk.TesseraException;
import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.DeadLetters;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.InvalidEventException;
import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.events.Topics;
import dev.tessera.sdk.head.HeadTrainer;
import dev.tessera.sdk.head.LinearHead;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns from one domain's feedback topic. It reads corrections, groups them by tenant's model, and in each round
 * retrains every touched head from a warm start on the new corrections plus a replay sample of earlier examples,
 * judges the candidate with the {@link PromotionGate}, and commits the outcome, the consumed offsets and the
 * lifecycle events in one {@link ModelStore#update state replace}.
 *
 * <p><b>Exactly-once effect.</b> The learner does not rely on Kafka's committed group offsets: on start it seeks to
 * the offsets in the store's state, which only move together with the versions they trained. Events read but not
 * yet committed are simply read again after a crash, so each event is counted in exactly one committed round
 * (promoted into a version, or rejected with it). Group offsets are also committed, for lag monitoring only.
 *
 * <p>Invalid events (not CloudEvents, unknown type or version, failed validation, unknown model or label) go to
 * the dead-letter topic with the reason; the learner carries on.
 *
 * <p>Single-threaded: {@link #run()} owns the Kafka clients; {@link #stop()} may be called from any thread.
 */
public final class Learner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Learner.class);
    private static final Duration ASSIGN_TIMEOUT = Duration.ofSeconds(30);

    private final String domain;
    private final String topic;
    private final KafkaSettings kafka;
    private final ModelStore store;
    private final SentenceEncoder encoder;
    private final LearnerSettings settings;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicLong ingested = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong promoted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean trainingPaused;
    /**
     * Parsed example sets by content address. They are immutable, so a cached one is always right; validation and
     * forgetting sets are shared by every tenant of a model and each replay buffer by every round until the next
     * promotion, so rounds skip re-reading and re-hashing megabytes. Touched by the run thread only.
     */
    private final Map<String, ExampleSet> exampleSets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExampleSet> eldest) {
            return size() > 16;
        }
    };

    private record Pending(ConsumerRecord<String, String> record, FeedbackEvent feedback) {
    }

    public Learner(String domain, KafkaSettings kafka, ModelStore store, SentenceEncoder encoder,
                   LearnerSettings settings) {
        this.domain = EventTopics.domain(domain);
        this.topic = EventTopics.feedback(domain);
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.store = Objects.requireNonNull(store, "store");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!store.domain().equals(domain)) {
            throw new IllegalArgumentException("store is for domain " + store.domain() + ", learner for " + domain);
        }
    }

    /** Creates the topics the learner reads and writes when they are missing. */
    public void ensureTopics() {
        Topics.ensure(kafka, settings.topicPartitions(), settings.replicationFactor(),
                List.of(topic, EventTopics.deadLetter(topic), EventTopics.MODELS, EventTopics.predictions(domain),
                        EventTopics.DRIFT));
    }

    /** Consumes and learns until {@link #stop()}; events read but not committed are re-read by the next run. */
    public void run() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("learner is already running");
        }
        Properties consumerProps = kafka.consumerProperties("tessera-learner-" + domain);
        consumerProps.put("max.poll.records", Integer.toString(Math.min(settings.maxPending(), 5000)));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            ModelLifecycle.publishOutbox(store, producer);
            List<TopicPartition> partitions = assign(consumer);
            DeadLetters deadLetters = new DeadLetters(producer);
            List<Pending> pending = new ArrayList<>();
            long firstPendingAt = 0;
            LOG.info("Learner for {} reading {} ({} partitions) from offsets {}", domain, topic, partitions.size(),
                    store.state().offsets());
            while (!stopRequested.get()) {
                ConsumerRecords<String, String> records = consumer.poll(settings.pollTimeout());
                for (ConsumerRecord<String, String> r : records) {
                    try {
                        pending.add(new Pending(r, FeedbackEvent.from(CloudEvent.parse(r.value()))));
                        ingested.incrementAndGet();
                    } catch (InvalidEventException e) {
                        deadLetter(deadLetters, r, e.getMessage());
                    }
                }
                if (!pending.isEmpty() && firstPendingAt == 0) {
                    firstPendingAt = System.nanoTime();
                }
                boolean due = pending.size() >= settings.roundSize() || pending.size() >= settings.maxPending()
                        || (!pending.isEmpty() && System.nanoTime() - firstPendingAt >= settings.linger().toNanos());
                // a poll whose events were all dead-lettered commits at once, so they are not re-sent after a restart
                boolean onlyDeadLetters = pending.isEmpty() && !records.isEmpty();
                if ((due && !trainingPaused) || onlyDeadLetters) {
                    Map<Integer, Long> positions = new HashMap<>();
                    for (TopicPartition tp : partitions) {
                        positions.put(tp.partition(), consumer.position(tp));
                    }
                    round(pending, positions, producer, deadLetters);
                    ModelLifecycle.publishOutbox(store, producer);
                    Map<TopicPartition, OffsetAndMetadata> lag = new HashMap<>();
                    positions.forEach((p, o) -> lag.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
                    consumer.commitAsync(lag, null);
                    pending.clear();
                    firstPendingAt = 0;
                }
            }
        } finally {
            running.set(false);
        }
    }

    private void deadLetter(DeadLetters deadLetters, ConsumerRecord<String, String> r, String reason) {
        deadLetters.send(r, reason);
        deadLettered.incrementAndGet();
        // the reason may quote the event (a label, a JSON fragment), so it goes to the dead-letter header, not the log
        LOG.warn("Feedback {}-{}@{} dead-lettered (reason in its {} header)", r.topic(), r.partition(), r.offset(),
                DeadLetters.REASON);
    }

    private List<TopicPartition> assign(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + ASSIGN_TIMEOUT.toNanos();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, ASSIGN_TIMEOUT);
        while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
            sleep(200);
            infos = consumer.partitionsFor(topic, ASSIGN_TIMEOUT);
        }
        if (infos == null || infos.isEmpty()) {
            throw new TesseraException("topic " + topic + " does not exist at " + kafka.bootstrapServers()
                    + " (create it, or call ensureTopics())");
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        Map<Integer, Long> committed = store.state().offsets();
        for (TopicPartition tp : partitions) {
            Long offset = committed.get(tp.partition());
            if (offset == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, offset);
            }
        }
        return partitions;
    }

    /** One round: train, judge and commit every model that has pending feedback, atomically with the offsets. */
    private void round(List<Pending> pending, Map<Integer, Long> positions, KafkaProducer<String, String> producer,
                       DeadLetters deadLetters) {
        Map<ModelKey, List<Pending>> byModel = new LinkedHashMap<>();
        for (Pending p : pending) {
            byModel.computeIfAbsent(p.feedback().key(), k -> new ArrayList<>()).add(p);
        }
        long[] outcome = new long[2];
        store.update(state -> {
            LearnerState next = state;
            List<String> outbox = new ArrayList<>(state.outbox());
            for (Map.Entry<ModelKey, List<Pending>> e : byModel.entrySet()) {
                next = trainModel(next, e.getKey(), e.getValue(), positions, outbox, deadLetters, outcome);
            }
            // dead letters must be durable before the offsets that skip them are
            producer.flush();
            return next.withOffsets(positions).withOutbox(outbox).nextRound();
        });
        rounds.incrementAndGet();
        promoted.addAndGet(outcome[0]);
        rejected.addAndGet(outcome[1]);
    }

    private LearnerState trainModel(LearnerState state, ModelKey key, List<Pending> events,
                                    Map<Integer, Long> positions, List<String> outbox, DeadLetters deadLetters,
                                    long[] outcome) {
        LearnerState.ModelEntry own = state.model(key);
        LearnerState.ModelEntry base = state.model(key.baseKey());
        if (own == null && base == null) {
            events.forEach(p -> deadLetter(deadLetters, p.record(), "unknown model '" + key.model()
                    + "' in domain " + domain));
            return state;
        }
        ModelManifest parent = own != null ? store.manifest(key, own.current())
                : store.manifest(key.baseKey(), base.current());
        if (!parent.encoder().equals(encoder.modelName())) {
            throw new TesseraException(parent.reference() + " reads vectors of " + parent.encoder()
                    + " but this learner runs " + encoder.modelName());
        }
        List<Pending> usable = new ArrayList<>();
        for (Pending p : events) {
            if (parent.labels().contains(p.feedback().correctedLabel())) {
                usable.add(p);
            } else {
                deadLetter(deadLetters, p.record(), "corrected_label '" + p.feedback().correctedLabel()
                        + "' is not a label of " + key.model() + " " + parent.labels());
            }
        }
        if (usable.isEmpty()) {
            return state;
        }
        List<Embedding> vectors = encoder.embedAll(usable.stream().map(p -> p.feedback().text()).toList());
        List<float[]> x = vectors.stream().map(Embedding::vector).toList();
        int[] y = usable.stream().mapToInt(p -> parent.labels().indexOf(p.feedback().correctedLabel())).toArray();
        ExampleSet feedback = new ExampleSet(parent.labels(), encoder.dimension(), x, y);

        LinearHead current = LinearHead.fromOnnx(store.blob(parent.artifacts().head()));
        ReplayBuffer replay = new ReplayBuffer(exampleSet(parent.artifacts().replay()),
                parent.replay().capacity(), parent.replay().seen(), parent.replay().seed());
        ExampleSet validation = exampleSet(parent.artifacts().validation());
        ExampleSet forgetting = exampleSet(parent.artifacts().forgetting());
        HeadTrainer trainer = HeadTrainer.builder(current.type()).epochs(settings.epochs())
                .learningRate(settings.learningRate()).seed(settings.seed() + state.rounds())
                .encoder(encoder.modelName()).build();
        ExampleSet trainingData = feedback.repeated(settings.feedbackRepeat()).concat(replay.examples());
        LinearHead candidate = trainer.train(key.model(), trainingData.toTrainingSet(usable.size()
                + " feedback events (x" + settings.feedbackRepeat() + ") + " + replay.examples().size()
                + " replayed examples"), current, parent.reference());
        PromotionGate.Report report = settings.gate().judge(current, candidate, validation, forgetting);

        String round = "round-" + state.rounds();
        ObjectNode trained = ModelEvent.payload(domain, key, parent.version(), null);
        trained.put("parent", parent.reference());
        trained.put("feedback_events", usable.size());
        trained.set("metrics", ModelEvent.metrics(report.candidateMetrics()));
        outbox.add(new ModelEvent(ModelEvent.Kind.TRAINED, domain, key, parent.version(), null, trained)
                .toCloudEvent(ModelLifecycle.eventId(domain, key, round, "trained"), settings.source()).toJson());
        if (!report.promoted()) {
            ObjectNode data = ModelEvent.payload(domain, key, parent.version(), null);
            data.put("parent", parent.reference());
            data.put("feedback_events", usable.size());
            data.set("current_metrics", ModelEvent.metrics(report.currentMetrics()));
            data.set("candidate_metrics", ModelEvent.metrics(report.candidateMetrics()));
            ModelEvent.reasons(data, report.reasons());
            outbox.add(new ModelEvent(ModelEvent.Kind.REJECTED, domain, key, parent.version(), null, data)
                    .toCloudEvent(ModelLifecycle.eventId(domain, key, round, "rejected"), settings.source()).toJson());
            outcome[1]++;
            LOG.info("Candidate for {} rejected: {}", key, report.reasons());
            return state;
        }
        int number = own == null ? 1 : own.nextVersion();
        String version = "v" + number;
        ReplayBuffer nextReplay = replay.offer(feedback);
        String ids = String.join("\n", usable.stream().map(p -> p.feedback().eventId()).toList());
        long total = parent.training().feedbackTotal() + usable.size();
        ModelManifest manifest = new ModelManifest(domain, key.tenant(), key.model(), version, parent.reference(),
                Instant.now().toString(), encoder.modelName(), parent.labels(),
                new ModelManifest.Artifacts(store.putBlob(candidate.toOnnx()),
                        store.putBlob(nextReplay.examples().toBytes()), parent.artifacts().validation(),
                        parent.artifacts().forgetting(), store.putBlob(ids.getBytes(StandardCharsets.UTF_8))),
                new ModelManifest.Replay(nextReplay.capacity(), nextReplay.seen(), nextReplay.seed()),
                new ModelManifest.Training(usable.size(), total, replay.examples().size(),
                        candidate.provenance().config()),
                report.candidateMetrics(), positions);
        store.writeManifest(manifest);
        ObjectNode data = ModelEvent.payload(domain, key, version, own == null ? null : own.current());
        data.put("parent", parent.reference());
        data.put("feedback_events", usable.size());
        data.put("feedback_total", total);
        data.set("metrics", ModelEvent.metrics(report.candidateMetrics()));
        data.set("previous_metrics", ModelEvent.metrics(report.currentMetrics()));
        outbox.add(new ModelEvent(ModelEvent.Kind.PROMOTED, domain, key, version, own == null ? null : own.current(),
                data).toCloudEvent(ModelLifecycle.eventId(domain, key, version, "promoted"), settings.source()).toJson());
        outcome[0]++;
        LOG.info("Promoted {}@{} ({} feedback events, validation accuracy {} -> {})", key, version, usable.size(),
                report.currentMetrics().get(PromotionGate.VALIDATION_ACCURACY),
                report.candidateMetrics().get(PromotionGate.VALIDATION_ACCURACY));
        return state.withModel(key, new LearnerState.ModelEntry(version, number + 1));
    }

    private ExampleSet exampleSet(String sha) {
        ExampleSet set = exampleSets.get(sha);
        if (set == null) {
            set = ExampleSet.fromBytes(store.blob(sha));
            exampleSets.put(sha, set);
        }
        return set;
    }

    /** Holds rounds back (events are still ingested); used to measure the ingest stage on its own. */
    public void pauseTraining(boolean paused) {
        this.trainingPaused = paused;
    }

    public void stop() {
        stopRequested.set(true);
    }

    public boolean isRunning() {
        return running.get();
    }

    public LearnerStats stats() {
        return new LearnerStats(ingested.get(), deadLettered.get(), rounds.get(), promoted.get(), rejected.get());
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TesseraException("interrupted", e);
        }
    }
}
