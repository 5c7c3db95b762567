package dev.tessera.sdk.learning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.DeadLetters;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.InvalidEventException;
import dev.tessera.sdk.events.KafkaSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Detects drift on a prediction stream, per tenant's model and version: the population stability index (PSI)
 * between a reference window (the first {@code window} predictions of a version, or the window after the last
 * alert) and the sliding window of the latest {@code window} predictions, on the class distribution and on each
 * coordinate of the embedding projection (bins from the reference's deciles). An alert names the statistic, its
 * value and the threshold; the current window then becomes the new reference, so one shift yields one alert.
 *
 * @param window     predictions per window
 * @param threshold  PSI above which an alert is raised (0.2 is the customary "significant shift")
 * @param checkEvery predictions between two comparisons
 */
public record DriftMonitor(int window, double threshold, int checkEvery) {

    public static final String ALERT_TYPE = "dev.tessera.drift.v1";
    private static final int BINS = 10;
    private static final double EPS = 1e-4;

    public DriftMonitor {
        if (window < 20 || checkEvery < 1 || !(threshold > 0)) {
            throw new IllegalArgumentException("window must be >= 20, checkEvery >= 1, threshold > 0");
        }
    }

    public static DriftMonitor defaults() {
        return new DriftMonitor(500, 0.2, 100);
    }

    /**
     * @param key       the tenant's model
     * @param version   the version whose predictions drifted
     * @param statistic {@code psi.class} or {@code psi.projection.<i>}
     * @param value     the PSI
     * @param threshold the threshold it passed
     * @param window    predictions per window
     */
    public record Alert(ModelKey key, String version, String statistic, double value, double threshold, int window) {
        public CloudEvent toCloudEvent(String domain, String source) {
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("domain", domain);
            d.put("model", key.model());
            d.put("version", version);
            d.put("statistic", statistic);
            d.put("value", value);
            d.put("threshold", threshold);
            d.put("window", window);
            return CloudEvent.create(source, ALERT_TYPE, key.toString(), d, Map.of("tenant", key.tenant()));
        }
    }

    /** The windows of one model version; not thread-safe (one per consumer thread). */
    public final class Tracker {
        private final List<PredictionEvent> reference = new ArrayList<>();
        private final ArrayDeque<PredictionEvent> current = new ArrayDeque<>();
        private String version;
        private int sinceCheck;

        /** Adds a prediction; returns the strongest alert when a comparison finds drift. */
        public Optional<Alert> observe(PredictionEvent p) {
            if (!p.version().equals(version)) {
                version = p.version();
                reference.clear();
                current.clear();
                sinceCheck = 0;
            }
            if (reference.size() < window) {
                reference.add(p);
                return Optional.empty();
            }
            current.addLast(p);
            if (current.size() > window) {
                current.removeFirst();
            }
            sinceCheck++;
            if (current.size() < window || sinceCheck < checkEvery) {
                return Optional.empty();
            }
            sinceCheck = 0;
            Alert worst = null;
            List<PredictionEvent> now = new ArrayList<>(current);
            double classPsi = classPsi(reference, now);
            if (classPsi > threshold) {
                worst = new Alert(p.key(), version, "psi.class", classPsi, threshold, window);
            }
            for (int k = 0; k < PredictionEvent.PROJECTIONS; k++) {
                double psi = projectionPsi(reference, now, k);
                if (psi > threshold && (worst == null || psi > worst.value())) {
                    worst = new Alert(p.key(), version, "psi.projection." + k, psi, threshold, window);
                }
            }
            if (worst != null) {
                reference.clear();
                reference.addAll(now);
                current.clear();
            }
            return Optional.ofNullable(worst);
        }
    }

    public Tracker tracker() {
        return new Tracker();
    }

    static double classPsi(List<PredictionEvent> expected, List<PredictionEvent> actual) {
        Map<String, Integer> index = new HashMap<>();
        expected.forEach(p -> index.putIfAbsent(p.label(), index.size()));
        actual.forEach(p -> index.putIfAbsent(p.label(), index.size()));
        double[] e = new double[index.size()];
        double[] a = new double[index.size()];
        expected.forEach(p -> e[index.get(p.label())]++);
        actual.forEach(p -> a[index.get(p.label())]++);
        return psi(e, a);
    }

    static double projectionPsi(List<PredictionEvent> expected, List<PredictionEvent> actual, int k) {
        double[] ref = expected.stream().mapToDouble(p -> p.projection()[k]).sorted().toArray();
        double[] edges = new double[BINS - 1];
        for (int b = 1; b < BINS; b++) {
            edges[b - 1] = ref[(int) Math.floor((double) b * ref.length / BINS)];
        }
        double[] e = new double[BINS];
        double[] a = new double[BINS];
        expected.forEach(p -> e[bin(edges, p.projection()[k])]++);
        actual.forEach(p -> a[bin(edges, p.projection()[k])]++);
        return psi(e, a);
    }

    private static int bin(double[] edges, double v) {
        int i = Arrays.binarySearch(edges, v);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** PSI = Σ (a − e) · ln(a / e) over shares, with empty bins smoothed. */
    static double psi(double[] expectedCounts, double[] actualCounts) {
        double es = Arrays.stream(expectedCounts).sum();
        double as = Arrays.stream(actualCounts).sum();
        double psi = 0;
        for (int i = 0; i < expectedCounts.length; i++) {
            double e = Math.max(expectedCounts[i] / es, EPS);
            double a = Math.max(actualCounts[i] / as, EPS);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /**
     * Watches {@code tessera.<domain>.predictions} and publishes alerts to {@code tessera.drift} until
     * {@code running} turns false. Invalid prediction events go to the dead-letter topic.
     */
    public void watch(KafkaSettings kafka, String domain, AtomicBoolean running) {
        String topic = EventTopics.predictions(domain);
        Map<ModelKey, Tracker> trackers = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumerProperties("tessera-drift-" + domain));
             KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            DeadLetters deadLetters = new DeadLetters(producer);
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> r : records) {
                    try {
                        PredictionEvent p = PredictionEvent.from(CloudEvent.parse(r.value()));
                        trackers.computeIfAbsent(p.key(), k -> tracker()).observe(p).ifPresent(alert ->
                                producer.send(new ProducerRecord<>(EventTopics.DRIFT, alert.key().toString(),
                                        alert.toCloudEvent(domain, "/tessera/drift/" + domain).toJson())));
                    } catch (InvalidEventException e) {
                        deadLetters.send(r, e.getMessage());
                    }
                }
                if (!records.isEmpty()) {
                    producer.flush();
                    consumer.commitSync(Duration.ofSeconds(30));
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }
}
