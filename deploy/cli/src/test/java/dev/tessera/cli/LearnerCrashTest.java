package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.devservers.client.DevServers;
import dev.tessera.devservers.client.DevServersExtension;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.learning.FeedbackEvent;
import dev.tessera.sdk.learning.LearnerState;
import dev.tessera.sdk.learning.ModelKey;
import dev.tessera.sdk.learning.ModelManifest;
import dev.tessera.sdk.learning.ModelStore;
import dev.tessera.sdk.learning.SyntheticTriage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tessera learner} as its own process, killed with SIGKILL at random points while feedback arrives: after a
 * clean final run, the served models' manifests count every feedback event exactly once.
 */
@ExtendWith(DevServersExtension.class)
class LearnerCrashTest {

    private static final int STAGES = 4;
    private static final int EVENTS_PER_STAGE = 60;

    @Test
    void sigkillAtRandomPointsNeitherLosesNorRepeatsFeedback(DevServers servers, @TempDir Path dir) throws Exception {
        String domain = "crash" + Long.toString(System.nanoTime() % 1_000_000L, 36);
        KafkaSettings kafka = KafkaSettings.builder(servers.kafkaBootstrap()).clientId("crash-test").build();
        Random random = new Random(11);
        SyntheticTriage.Splits splits = SyntheticTriage.splits(7);
        List<SyntheticTriage.Example> pool = new ArrayList<>(splits.familyFeedback());
        pool.addAll(splits.train());
        Set<String> produced = new HashSet<>();
        int kills = 0;
        for (int stage = 0; stage < STAGES; stage++) {
            Process learner = startLearner(servers, dir, domain, stage);
            awaitReady(dir.resolve("learner-" + stage + ".log"), learner);
            produce(kafka, domain, pool, random, produced);
            Thread.sleep(300 + random.nextInt(2200));
            learner.destroyForcibly(); // SIGKILL on Linux
            assertTrue(learner.waitFor(30, TimeUnit.SECONDS));
            kills++;
        }
        Process last = startLearner(servers, dir, domain, STAGES);
        awaitReady(dir.resolve("learner-" + STAGES + ".log"), last);
        ModelStore store = ModelStore.open(dir.resolve("store"), domain);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (consumed(store.state()) < produced.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        last.destroy(); // SIGTERM: graceful stop
        assertTrue(last.waitFor(60, TimeUnit.SECONDS), "learner did not stop on SIGTERM");
        assertEquals(produced.size(), consumed(store.state()), "offsets committed with the final snapshot");

        List<String> counted = new ArrayList<>();
        long totals = 0;
        for (Map.Entry<String, LearnerState.ModelEntry> e : store.state().models().entrySet()) {
            ModelKey key = ModelKey.parse(e.getKey());
            if (key.isBase()) {
                continue;
            }
            ModelManifest m = store.manifest(key, e.getValue().current());
            totals += m.training().feedbackTotal();
            while (m != null && m.key().equals(key)) {
                counted.addAll(List.of(new String(store.blob(m.artifacts().feedbackIds()), StandardCharsets.UTF_8).split("\n")));
                String parent = m.parent();
                ModelKey parentKey = ModelKey.parse(parent.substring(0, parent.indexOf('@')));
                m = parentKey.equals(key) ? store.manifest(key, parent.substring(parent.indexOf('@') + 1)) : null;
            }
        }
        System.out.printf("crash test: %d events, %d SIGKILLs, %d rounds, %d counted, %d distinct%n",
                produced.size(), kills, store.state().rounds(), counted.size(), new HashSet<>(counted).size());
        assertEquals(STAGES * EVENTS_PER_STAGE, produced.size());
        assertEquals(produced.size(), counted.size(), "every event counted once, none twice");
        assertEquals(produced, new HashSet<>(counted));
        assertEquals(produced.size(), totals, "the manifests' feedback totals");
    }

    private static long consumed(LearnerState state) {
        return state.offsets().values().stream().mapToLong(Long::longValue).sum();
    }

    private static void produce(KafkaSettings kafka, String domain, List<SyntheticTriage.Example> pool, Random random,
                                Set<String> produced) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(kafka.producerProperties())) {
            for (int i = 0; i < EVENTS_PER_STAGE; i++) {
                SyntheticTriage.Example e = pool.get(random.nextInt(pool.size()));
                ModelKey key = new ModelKey(random.nextBoolean() ? "acme" : "globex", SyntheticTriage.MODEL);
                String id = UUID.randomUUID().toString();
                produced.add(id);
                p.send(new ProducerRecord<>(EventTopics.feedback(domain), key.toString(),
                        new FeedbackEvent(id, key, e.text(), null, e.label(), null).toCloudEvent("/crash-test").toJson()));
                if (i % 10 == 9) {
                    p.flush(); // spread the stage over several rounds
                    sleepQuietly(random.nextInt(150));
                }
            }
        }
    }

    private static Process startLearner(DevServers servers, Path dir, String domain, int run) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-Xss16m", "-cp", classPath, TesseraCli.class.getName(), "learner",
                domain, "--bootstrap", servers.kafkaBootstrap(), "--store", dir.resolve("store").toString(),
                "--seed-synthetic-triage", "--admin-port", "-1", "--no-drift", "--round-size", "16",
                "--linger-ms", "100", "--validation-tolerance", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("learner-" + run + ".log").toFile());
        return pb.start();
    }

    private static void awaitReady(Path log, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(" ready: ")) {
                return;
            }
            if (!process.isAlive()) {
                Thread.sleep(500);
                throw new AssertionError("learner exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("learner not ready in 90 s: " + Files.readString(log));
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
