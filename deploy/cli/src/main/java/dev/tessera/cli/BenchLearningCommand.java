package dev.tessera.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.sdk.Percentiles;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.OnnxEncoder;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.learning.FeedbackEvent;
import dev.tessera.sdk.learning.LearnedModels;
import dev.tessera.sdk.learning.Learner;
import dev.tessera.sdk.learning.LearnerSettings;
import dev.tessera.sdk.learning.ModelKey;
import dev.tessera.sdk.learning.ModelStore;
import dev.tessera.sdk.learning.SyntheticTriage;
import dev.tessera.sdk.onnx.InferenceOptions;
import dev.tessera.sdk.registry.Served;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures the learning loop against a running Kafka (the dev servers by default), each phase on a fresh domain and
 * store:
 * <ol>
 *   <li>ingest: {@code --events} feedback events are produced first, then a learner with training held back
 *       consumes, validates and buffers them; the rate is events over the time from the learner's start to the last
 *       one buffered (embedding and training are the round's work, measured in phase 2);</li>
 *   <li>feedback to serving: per trial a new tenant sends a corrective batch; the clock runs from just before the
 *       batch is produced until a prediction for that tenant is first served by its promoted version (the serving
 *       side follows {@code tessera.models}).</li>
 * </ol>
 * Ends with {@code RESULT {json}}.
 */
@Command(name = "learning", mixinStandardHelpOptions = true,
        description = "Feedback ingest rate and feedback-to-serving latency of the learner (needs Kafka: tessera devservers start).")
final class BenchLearningCommand implements Callable<Integer> {

    @Mixin
    LearningOptions options;

    @Option(names = "--events", defaultValue = "100000", description = "Feedback events for the ingest phase (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--trials", defaultValue = "10", description = "Corrective batches timed end to end (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--batch", defaultValue = "16", description = "Feedback events per corrective batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || trials < 1 || batch < 1) {
            throw new IllegalArgumentException("--events, --trials and --batch must be >= 1");
        }
        Path storeRoot = Files.createTempDirectory("tessera-bench-learning-");
        String run = Long.toString(System.currentTimeMillis() % 10_000_000L, 36);
        KafkaSettings kafka = options.kafka("tessera-bench-learning");
        SyntheticTriage.Splits splits = SyntheticTriage.splits(7);
        Map<String, Object> result = new LinkedHashMap<>();
        try (OnnxEncoder encoder = OnnxEncoder.load(EncoderSpec.allMiniLmL6V2Quantized(), InferenceOptions.defaults())) {
            result.putAll(ingest(kafka, ModelStore.open(storeRoot, "benchi" + run), encoder, splits));
            result.putAll(feedbackToServing(kafka, ModelStore.open(storeRoot, "benchl" + run), encoder, splits));
        }
        result.put("encoder", "all-minilm-l6-v2-q");
        result.put("cores", Runtime.getRuntime().availableProcessors());
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        return 0;
    }

    private Map<String, Object> ingest(KafkaSettings kafka, ModelStore store, OnnxEncoder encoder,
                                       SyntheticTriage.Splits splits) throws Exception {
        SyntheticTriage.bootstrap(store, encoder, splits, 2000);
        LearnerSettings settings = LearnerSettings.builder().topicPartitions(3).build();
        Learner learner = new Learner(store.domain(), kafka, store, encoder, settings);
        learner.ensureTopics();
        List<SyntheticTriage.Example> pool = splits.train();
        Random random = new Random(1);
        Properties p = kafka.producerProperties();
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        p.put("compression.type", "lz4");
        long produceStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < events; i++) {
                SyntheticTriage.Example e = pool.get(random.nextInt(pool.size()));
                ModelKey key = new ModelKey("tenant-" + random.nextInt(20), SyntheticTriage.MODEL);
                producer.send(new ProducerRecord<>(EventTopics.feedback(store.domain()), key.toString(),
                        new FeedbackEvent(UUID.randomUUID().toString(), key, e.text(), null, e.label(), null)
                                .toCloudEvent("/bench").toJson()));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        System.out.printf(Locale.ROOT, "produced %d feedback events in %.2f s (%.0f/s)%n", events, produceSeconds,
                events / produceSeconds);
        learner.pauseTraining(true);
        long start = System.nanoTime();
        Thread t = new Thread(learner::run, "bench-learner");
        t.start();
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (learner.stats().ingested() < events && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        learner.stop();
        t.join(60_000);
        long ingested = learner.stats().ingested();
        if (ingested < events) {
            throw new IllegalStateException("only " + ingested + " of " + events + " events ingested in 10 minutes");
        }
        double rate = events / seconds;
        System.out.printf(Locale.ROOT, "ingest: %d events consumed, validated and buffered in %.2f s = %.0f events/s "
                + "(includes consumer start-up)%n", events, seconds, rate);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("events", events);
        r.put("ingest_events_per_s", Math.round(rate));
        r.put("produce_events_per_s", Math.round(events / produceSeconds));
        return r;
    }

    private Map<String, Object> feedbackToServing(KafkaSettings kafka, ModelStore store, OnnxEncoder encoder,
                                                  SyntheticTriage.Splits splits) throws Exception {
        SyntheticTriage.bootstrap(store, encoder, splits, 2000);
        LearnerSettings settings = LearnerSettings.builder().topicPartitions(3).linger(Duration.ofMillis(300)).build();
        Learner learner = new Learner(store.domain(), kafka, store, encoder, settings);
        learner.ensureTopics();
        Thread t = new Thread(learner::run, "bench-learner");
        t.start();
        List<Double> latencies = new ArrayList<>();
        String probe = splits.familyTest().get(0).text();
        try (LearnedModels serving = new LearnedModels(store, encoder);
             KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            serving.follow(kafka);
            for (int trial = 0; trial < trials; trial++) {
                ModelKey tenant = new ModelKey("trial-" + trial, SyntheticTriage.MODEL);
                int from = (trial * batch) % (splits.familyFeedback().size() - batch);
                List<SyntheticTriage.Example> corrections = splits.familyFeedback().subList(from, from + batch);
                long start = System.nanoTime();
                for (SyntheticTriage.Example e : corrections) {
                    producer.send(new ProducerRecord<>(EventTopics.feedback(store.domain()), tenant.toString(),
                            new FeedbackEvent(UUID.randomUUID().toString(), tenant, e.text(), "cardiology", e.label(), "v1")
                                    .toCloudEvent("/bench").toJson()));
                }
                producer.flush();
                long deadline = start + TimeUnit.SECONDS.toNanos(60);
                boolean served = false;
                while (!served && System.nanoTime() < deadline) {
                    Served<?> s = serving.predict(tenant, probe);
                    served = s.model().equals(tenant.toString());
                    if (!served) {
                        Thread.sleep(10);
                    }
                }
                if (!served) {
                    throw new IllegalStateException("trial " + trial + ": no promoted version served within 60 s "
                            + "(learner stats " + learner.stats() + ")");
                }
                double s = (System.nanoTime() - start) / 1e9;
                latencies.add(s);
                System.out.printf(Locale.ROOT, "trial %d: %d corrections -> served by %s's own version in %.3f s%n",
                        trial, batch, tenant.tenant(), s);
            }
        } finally {
            learner.stop();
            t.join(60_000);
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("trials", trials);
        r.put("batch", batch);
        r.put("feedback_to_serving_p50_s", round3(Percentiles.nearestRank(sorted, 0.50)));
        r.put("feedback_to_serving_max_s", round3(sorted[sorted.length - 1]));
        r.put("linger_ms", settings.linger().toMillis());
        r.put("promoted", learner.stats().promoted());
        r.put("rejected", learner.stats().rejected());
        return r;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
