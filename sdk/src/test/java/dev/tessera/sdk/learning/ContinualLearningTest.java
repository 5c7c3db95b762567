package dev.tessera.sdk.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.devservers.client.DevServers;
import dev.tessera.devservers.client.DevServersExtension;
import dev.tessera.sdk.TestModels;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.DeadLetters;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.head.LinearHead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The learning loop against the real Kafka broker of the dev servers. */
@ExtendWith(DevServersExtension.class)
class ContinualLearningTest {

    private static final ModelKey ACME = new ModelKey("acme", SyntheticTriage.MODEL);
    private static final ModelKey GLOBEX = new ModelKey("globex", SyntheticTriage.MODEL);
    private static final ModelKey BASE = ModelKey.base(SyntheticTriage.MODEL);

    @Test
    void correctionsFixAFamilyWithoutForgettingAndStayWithTheirTenant(DevServers servers, @TempDir Path dir)
            throws Exception {
        ExampleSet familyTest = SyntheticTriage.embed(TestModels.miniLmQuantized(), LearningFixture.SPLITS.familyTest());
        try (LearningFixture f = new LearningFixture(servers.kafkaBootstrap(), dir, LearningFixture.fastSettings());
             LearnedModels serving = new LearnedModels(f.store, TestModels.miniLmQuantized())) {
            serving.follow(f.kafka);
            ExampleSet validation = ExampleSet.fromBytes(f.store.blob(f.base.artifacts().validation()));
            LinearHead baseHead = f.currentHead(BASE);
            double baseFamily = PromotionGate.accuracy(baseHead, familyTest);
            double baseValidation = PromotionGate.accuracy(baseHead, validation);
            assertTrue(baseFamily < 0.5, "the base model should be wrong on the reflux family, accuracy " + baseFamily);
            String sample = LearningFixture.SPLITS.familyTest().get(0).text();
            assertFalse(serving.predict(ACME, sample).value().topLabel().equals("gastroenterology"));

            int n = 48;
            f.sendFeedback("acme", LearningFixture.SPLITS.familyFeedback().subList(0, n), null);
            LearningFixture.await("acme's first promotion", () -> f.store.state().model(ACME) != null);

            ModelManifest acme = f.store.serving(ACME).orElseThrow();
            LinearHead learned = LinearHead.fromOnnx(f.store.blob(acme.artifacts().head()));
            double family = PromotionGate.accuracy(learned, familyTest);
            double val = PromotionGate.accuracy(learned, validation);
            System.out.printf("continual learning: family accuracy %.3f -> %.3f, validation %.3f -> %.3f after %d corrections%n",
                    baseFamily, family, baseValidation, val, n);
            assertTrue(family >= 0.9, "held-out family accuracy after " + n + " corrections: " + family);
            assertTrue(val >= baseValidation - 0.01, "validation accuracy fell from " + baseValidation + " to " + val);
            assertEquals(n, acme.training().feedbackTotal());
            assertEquals(f.base.reference(), acme.parent());
            assertFalse(acme.offsets().isEmpty());
            Set<String> ids = new HashSet<>(List.of(new String(f.store.blob(acme.artifacts().feedbackIds()),
                    StandardCharsets.UTF_8).split("\n")));
            assertEquals(n, ids.size());

            // tenants: the base and other tenants keep the base version
            assertEquals("v1", f.store.state().model(BASE).current());
            assertNull(f.store.state().model(GLOBEX));
            LearningFixture.await("serving to swap", () -> "v1".equals(serving.servingVersion(ACME))
                    && serving.predict(ACME, sample).value().topLabel().equals("gastroenterology"));
            assertEquals("gastroenterology", serving.predict(ACME, sample).value().topLabel());
            assertFalse(serving.predict(GLOBEX, sample).value().topLabel().equals("gastroenterology"));

            List<ConsumerRecord<String, String>> events = f.readUntil(EventTopics.MODELS,
                    rs -> rs.stream().anyMatch(r -> r.value().contains("dev.tessera.model.promoted.v1")
                            && r.key().equals(ACME.toString())));
            CloudEvent promoted = events.stream().map(r -> CloudEvent.parse(r.value()))
                    .filter(e -> e.type().equals(ModelEvent.Kind.PROMOTED.type()) && e.subject().equals(ACME.toString()))
                    .findFirst().orElseThrow();
            assertEquals("acme", promoted.extension("tenant"));
            assertEquals(n, promoted.data().get("feedback_events").asInt());
            assertTrue(promoted.data().get("metrics").has(PromotionGate.VALIDATION_ACCURACY));
        }
    }

    @Test
    void aPoisonBurstIsRejectedAndTheServedVersionStays(DevServers servers, @TempDir Path dir) throws Exception {
        try (LearningFixture f = new LearningFixture(servers.kafkaBootstrap(), dir, LearningFixture.fastSettings())) {
            List<SyntheticTriage.Example> cardiology = LearningFixture.SPLITS.train().stream()
                    .filter(e -> e.label().equals("cardiology")).limit(100).toList();
            f.sendFeedback("acme", cardiology, "dermatology");
            List<ConsumerRecord<String, String>> events = f.readUntil(EventTopics.MODELS,
                    rs -> rs.stream().anyMatch(r -> r.value().contains(ModelEvent.Kind.REJECTED.type())));
            CloudEvent rejected = events.stream().map(r -> CloudEvent.parse(r.value()))
                    .filter(e -> e.type().equals(ModelEvent.Kind.REJECTED.type())).findFirst().orElseThrow();
            assertTrue(rejected.data().get("reasons").size() > 0, rejected.toJson());
            assertTrue(rejected.data().get("candidate_metrics").get(PromotionGate.VALIDATION_ACCURACY).asDouble()
                    < rejected.data().get("current_metrics").get(PromotionGate.VALIDATION_ACCURACY).asDouble() - 0.01);
            assertNull(f.store.state().model(ACME), "a rejected candidate must not become acme's model");
            assertEquals("v1", f.store.serving(ACME).orElseThrow().version());
            assertTrue(f.learner.stats().rejected() >= 1);
            assertEquals(0, f.learner.stats().promoted());
            LearningFixture.await("offsets committed past the poison", () -> f.store.state().offsets().values()
                    .stream().mapToLong(Long::longValue).sum() == 100);
        }
    }

    @Test
    void invalidEventsAreDeadLetteredAndTheLearnerCarriesOn(DevServers servers, @TempDir Path dir) throws Exception {
        try (LearningFixture f = new LearningFixture(servers.kafkaBootstrap(), dir, LearningFixture.fastSettings())) {
            String good = new FeedbackEvent("ok-1", ACME, "heartburn every night for a week.", "cardiology",
                    "gastroenterology", "v1").toCloudEvent("/test").toJson();
            String futureVersion = good.replace(FeedbackEvent.TYPE, "dev.tessera.feedback.v2").replace("ok-1", "bad-2");
            String unknownLabel = good.replace("\"corrected_label\":\"gastroenterology\"", "\"corrected_label\":\"oncology\"")
                    .replace("ok-1", "bad-3");
            String unknownModel = good.replace("\"model\":\"triage\"", "\"model\":\"no-such-model\"").replace("ok-1", "bad-4");
            String noText = good.replace("\"text\":\"heartburn every night for a week.\",", "").replace("ok-1", "bad-5");
            f.sendRaw(ACME.toString(), List.of("not json {", "{\"specversion\":\"0.3\"}", futureVersion, unknownLabel,
                    unknownModel, noText, good));
            List<ConsumerRecord<String, String>> dead = f.readUntil(EventTopics.deadLetter(EventTopics.feedback(f.domain)),
                    rs -> rs.size() >= 6);
            assertEquals(6, dead.size());
            for (ConsumerRecord<String, String> r : dead) {
                String reason = new String(r.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8);
                assertFalse(reason.isBlank());
            }
            String reasons = dead.stream().map(r -> new String(r.headers().lastHeader(DeadLetters.REASON).value(),
                    StandardCharsets.UTF_8)).toList().toString();
            assertTrue(reasons.contains("not JSON") && reasons.contains("specversion")
                    && reasons.contains("dev.tessera.feedback.v2") && reasons.contains("oncology")
                    && reasons.contains("no-such-model") && reasons.contains("text"), reasons);
            LearningFixture.await("the valid event to be trained", () -> f.learner.stats().rounds() >= 1
                    && f.store.state().offsets().values().stream().mapToLong(Long::longValue).sum() == 7);
            assertEquals(1, f.learner.stats().promoted() + f.learner.stats().rejected());
        }
    }

    @Test
    void rollbackRestoresAnEarlierVersionAndServingFollows(DevServers servers, @TempDir Path dir) throws Exception {
        try (LearningFixture f = new LearningFixture(servers.kafkaBootstrap(), dir, LearningFixture.fastSettings());
             LearnedModels serving = new LearnedModels(f.store, TestModels.miniLmQuantized())) {
            serving.follow(f.kafka);
            f.sendFeedback(ModelKey.DEFAULT_TENANT, LearningFixture.SPLITS.familyFeedback().subList(0, 32), null);
            LearningFixture.await("v2 of the base", () -> "v2".equals(f.store.state().model(BASE).current()));
            LearningFixture.await("serving v2", () -> "v2".equals(serving.servingVersion(BASE)));

            ModelEvent event = ModelLifecycle.rollback(f.store, BASE, null, "test");
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(f.kafka.producerProperties())) {
                assertEquals(1, ModelLifecycle.publishOutbox(f.store, producer));
            }
            assertEquals("v1", event.version());
            assertEquals("v2", event.previous());
            assertEquals("v1", f.store.state().model(BASE).current());
            assertEquals(3, f.store.state().model(BASE).nextVersion(), "versions are never reused");
            LearningFixture.await("serving v1 again", () -> "v1".equals(serving.servingVersion(BASE)));
            assertTrue(f.store.state().outbox().isEmpty());
            assertEquals(2, f.store.versions(BASE).size());
        }
    }

    @Test
    void aShiftInServedPredictionsRaisesADriftEvent(DevServers servers, @TempDir Path dir) throws Exception {
        try (LearningFixture f = new LearningFixture(servers.kafkaBootstrap(), dir, LearningFixture.fastSettings());
             LearnedModels serving = new LearnedModels(f.store, TestModels.miniLmQuantized())) {
            serving.publishPredictions(f.kafka);
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread watcher = new Thread(() -> new DriftMonitor(40, 0.2, 10).watch(f.kafka, f.domain, running));
            watcher.start();
            try {
                for (String label : List.of("cardiology", "dermatology")) {
                    LearningFixture.SPLITS.train().stream().filter(e -> e.label().equals(label)).limit(40)
                            .forEach(e -> serving.predict(ACME, e.text()));
                }
                List<ConsumerRecord<String, String>> alerts = f.readUntil(EventTopics.DRIFT, rs -> rs.stream()
                        .anyMatch(r -> r.key().equals(ACME.toString()) && r.value().contains(f.domain)));
                CloudEvent alert = alerts.stream().map(r -> CloudEvent.parse(r.value()))
                        .filter(e -> e.data().path("domain").asText().equals(f.domain)).findFirst().orElseThrow();
                assertEquals(DriftMonitor.ALERT_TYPE, alert.type());
                assertEquals("v1", alert.data().get("version").asText());
                assertTrue(alert.data().get("value").asDouble() > alert.data().get("threshold").asDouble());
                assertTrue(alert.data().get("statistic").asText().startsWith("psi."));
            } finally {
                running.set(false);
                watcher.join(30_000);
            }
        }
    }
}
