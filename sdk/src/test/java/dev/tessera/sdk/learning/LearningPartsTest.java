package dev.tessera.sdk.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.InvalidEventException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learning loop's parts without Kafka: events, replay, store, drift. */
class LearningPartsTest {

    private static final List<String> LABELS = List.of("a", "b");

    @Test
    void feedbackRoundTripsAsACloudEventAndBadEventsAreNamed() {
        FeedbackEvent f = new FeedbackEvent("id-1", new ModelKey("acme", "triage"), "text", "a", "b", "v3");
        CloudEvent e = CloudEvent.parse(f.toCloudEvent("/app").toJson());
        assertEquals("1.0", CloudEvent.SPEC_VERSION);
        assertEquals("acme", e.extension("tenant"));
        assertEquals("acme/triage", e.subject());
        assertEquals(f, FeedbackEvent.from(e));
        String json = f.toCloudEvent("/app").toJson();
        assertThrows(InvalidEventException.class, () -> CloudEvent.parse(json.replace("\"time\":\"", "\"time\":\"x")));
        assertThrows(InvalidEventException.class, () -> CloudEvent.parse(null));
        assertThrows(InvalidEventException.class, () -> CloudEvent.parse("[1]"));
        assertThrows(InvalidEventException.class, () -> FeedbackEvent.from(CloudEvent.parse(
                json.replace("\"tenant\":\"acme\"", "\"tenant\":\"ACME!\""))));
        assertThrows(InvalidEventException.class, () -> FeedbackEvent.from(CloudEvent.parse(
                json.replace("\"corrected_label\":\"b\"", "\"corrected_label\":7"))));
        assertThrows(IllegalArgumentException.class, () -> new FeedbackEvent("i", new ModelKey("t", "m"),
                "x".repeat(FeedbackEvent.MAX_TEXT_CHARS + 1), null, "a", null));
        assertThrows(IllegalArgumentException.class, () -> new ModelKey("../etc", "m"));
        assertThrows(IllegalArgumentException.class, () -> new ModelKey("t", ".."));
    }

    @Test
    void replayBufferIsBoundedUniformAndReproducible() {
        ReplayBuffer buffer = offerNumbers(ReplayBuffer.empty(LABELS, 1, 100, 9));
        assertEquals(100, buffer.examples().size());
        assertEquals(1000, buffer.seen());
        double mean = 0;
        for (int i = 0; i < 100; i++) {
            mean += buffer.examples().vector(i)[0] / 100.0;
        }
        assertTrue(Math.abs(mean - 499.5) < 100, "a uniform sample of 0..999 has mean near 500, was " + mean);
        ReplayBuffer again = offerNumbers(ReplayBuffer.empty(LABELS, 1, 100, 9));
        assertArrayEquals(buffer.examples().toBytes(), again.examples().toBytes());
        assertArrayEquals(buffer.examples().toBytes(), ExampleSet.fromBytes(buffer.examples().toBytes()).toBytes());
        assertThrows(IllegalArgumentException.class, () -> ExampleSet.fromBytes(new byte[] {1, 2, 3}));
    }

    /** Offers the numbers 0..999 in batches of 50. */
    private static ReplayBuffer offerNumbers(ReplayBuffer buffer) {
        for (int batch = 0; batch < 20; batch++) {
            List<float[]> v = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                v.add(new float[] {batch * 50 + i});
            }
            buffer = buffer.offer(new ExampleSet(LABELS, 1, v, new int[50]));
        }
        return buffer;
    }

    @Test
    void storeChecksContentAndCommitsStateAtomically(@TempDir Path dir) throws Exception {
        ModelStore store = ModelStore.open(dir, "medical");
        String sha = store.putBlob("weights".getBytes());
        assertEquals(sha, store.putBlob("weights".getBytes()));
        Path file;
        try (var files = Files.walk(dir.resolve("objects"))) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.writeString(file, "tampered");
        assertThrows(ModelLoadException.class, () -> store.blob(sha));
        assertThrows(IllegalArgumentException.class, () -> ModelStore.open(dir, "../x"));

        ModelKey key = new ModelKey("acme", "m");
        store.update(s -> s.withModel(key, new LearnerState.ModelEntry("v1", 2)).withOffsets(Map.of(0, 42L)));
        assertThrows(IllegalStateException.class, () -> store.update(s -> {
            throw new IllegalStateException("crash inside a round");
        }));
        LearnerState s = ModelStore.open(dir, "medical").state();
        assertEquals(42L, s.offsets().get(0));
        assertEquals("v1", s.model(key).current());
        try (var files = Files.list(dir.resolve("medical"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void driftIsSilentOnTheSameDistributionAndAlertsOnAShift() {
        DriftMonitor monitor = new DriftMonitor(200, 0.2, 50);
        DriftMonitor.Tracker tracker = monitor.tracker();
        ModelKey key = new ModelKey("acme", "m");
        Random r = new Random(3);
        List<DriftMonitor.Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tracker.observe(prediction(key, r.nextDouble() < 0.5 ? "a" : "b", r.nextGaussian())).ifPresent(alerts::add);
        }
        assertTrue(alerts.isEmpty(), "no drift expected: " + alerts);
        Optional<DriftMonitor.Alert> alert = Optional.empty();
        for (int i = 0; i < 400 && alert.isEmpty(); i++) {
            alert = tracker.observe(prediction(key, r.nextDouble() < 0.9 ? "a" : "b", 2 + r.nextGaussian()));
        }
        assertTrue(alert.isPresent());
        assertTrue(alert.get().value() > 0.2);
        CloudEvent event = CloudEvent.parse(alert.get().toCloudEvent("medical", "/drift").toJson());
        assertEquals(DriftMonitor.ALERT_TYPE, event.type());
        assertEquals(0.2, event.data().get("threshold").asDouble());
    }

    private static PredictionEvent prediction(ModelKey key, String label, double x) {
        return new PredictionEvent("p", key, "v1", label, 0.9, new float[] {(float) x, 0, 0, 0});
    }

    @Test
    void gateRejectsASliceThatCollapses() {
        ExampleSet validation = new ExampleSet(LABELS, 2, List.of(new float[] {1, 0}, new float[] {0, 1}),
                new int[] {0, 1}).repeated(10);
        dev.tessera.sdk.head.HeadProvenance p = new dev.tessera.sdk.head.HeadProvenance("t", Map.of(), "d", 1, "e",
                "now", null);
        var good = new dev.tessera.sdk.head.LinearHead("m", dev.tessera.sdk.head.HeadType.MULTI_CLASS, LABELS,
                new float[][] {{1, 0}, {0, 1}}, new float[] {0, 0}, p);
        var allA = new dev.tessera.sdk.head.LinearHead("m", dev.tessera.sdk.head.HeadType.MULTI_CLASS, LABELS,
                new float[][] {{1, 0}, {0, 1}}, new float[] {5, 0}, p);
        PromotionGate.Report report = PromotionGate.defaults().judge(good, allA, validation, validation);
        assertTrue(!report.promoted() && report.reasons().stream().anyMatch(s -> s.contains("validation_recall.b")),
                report.reasons().toString());
        assertTrue(PromotionGate.defaults().judge(good, good, validation, validation).promoted());
        assertEquals(JsonNodeFactory.instance.numberNode(1.0),
                ModelEvent.metrics(report.currentMetrics()).get(PromotionGate.VALIDATION_ACCURACY));
    }
}
