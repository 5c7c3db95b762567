package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.devservers.client.DevServers;
import dev.tessera.devservers.client.DevServersExtension;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.head.HeadProvenance;
import dev.tessera.sdk.head.HeadType;
import dev.tessera.sdk.head.LinearHead;
import dev.tessera.sdk.learning.ExampleSet;
import dev.tessera.sdk.learning.LearnerState;
import dev.tessera.sdk.learning.ModelEvent;
import dev.tessera.sdk.learning.ModelKey;
import dev.tessera.sdk.learning.ModelLifecycle;
import dev.tessera.sdk.learning.ModelManifest;
import dev.tessera.sdk.learning.ModelStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Rollback from the command line and over the learner's admin API, with the rolled-back events on Kafka. */
@ExtendWith(DevServersExtension.class)
class ModelRollbackTest {

    private static final List<String> LABELS = List.of("a", "b");
    private static final ModelKey BASE = ModelKey.base("toy");

    @Test
    void commandLineAndRestRollbackRestoreStoredVersions(DevServers servers, @TempDir Path dir) throws Exception {
        String domain = "rb" + Long.toString(System.nanoTime() % 1_000_000L, 36);
        ModelStore store = ModelStore.open(dir, domain);
        createThreeVersions(store);
        KafkaSettings kafka = KafkaSettings.builder(servers.kafkaBootstrap()).clientId("rollback-test").build();
        dev.tessera.sdk.events.Topics.ensure(kafka, 1, (short) 1, List.of(EventTopics.MODELS));

        assertEquals(0, TesseraCli.run("model", "rollback", "toy", "--domain", domain, "--store", dir.toString(),
                "--bootstrap", servers.kafkaBootstrap()));
        assertEquals("v2", store.state().model(BASE).current());
        assertEquals(2, TesseraCli.run("model", "rollback", "toy", "v9", "--domain", domain, "--store",
                dir.toString(), "--bootstrap", servers.kafkaBootstrap()), "unknown version is the user's error");

        try (LearnerAdminServer admin = new LearnerAdminServer("127.0.0.1", 0, store, kafka)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String base = "http://127.0.0.1:" + admin.port() + "/v1/models";
            HttpResponse<String> ok = post(http, base + "/default/toy/rollback", "{\"version\":\"v1\"}");
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().contains("\"previous_version\":\"v2\"") && ok.body().contains("\"version\":\"v1\""));
            assertEquals("v1", store.state().model(BASE).current());
            assertEquals(404, post(http, base + "/default/toy/rollback", "{\"version\":\"v7\"}").statusCode());
            assertEquals(404, post(http, base + "/default/nope/rollback", "").statusCode());
            assertEquals(404, post(http, base + "/default/toy/rollback", "").statusCode(), "v1 has no predecessor");
            assertEquals(400, post(http, base + "/default/toy/rollback", "{\"version\":\"../../x\"}").statusCode());
            assertEquals(400, post(http, base + "/BAD!/toy/rollback", "").statusCode());
            assertEquals(400, post(http, base + "/default/toy/rollback", "{not json").statusCode());
            assertEquals(200, post(http, base + "/default/toy/rollback", "{\"version\":\"v3\"}").statusCode());
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base)).GET()
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(list.body().contains("\"default/toy\"") && list.body().contains("\"current\":\"v3\""), list.body());
        }
        assertTrue(store.state().outbox().isEmpty(), "every rollback event was published");

        List<ModelEvent> rolledBack = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(kafka.consumerProperties("t-" + UUID.randomUUID()))) {
            c.subscribe(List.of(EventTopics.MODELS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (rolledBack.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    ModelEvent e = ModelEvent.from(CloudEvent.parse(r.value()));
                    if (e.domain().equals(domain) && e.kind() == ModelEvent.Kind.ROLLED_BACK) {
                        assertEquals(BASE.toString(), r.key());
                        rolledBack.add(e);
                    }
                }
            }
        }
        assertEquals(List.of("v2", "v1", "v3"), rolledBack.stream().map(ModelEvent::version).toList());
        assertEquals(List.of("v3", "v2", "v1"), rolledBack.stream().map(ModelEvent::previous).toList());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** v1 by bootstrap, v2 and v3 as the learner would write them. */
    private static void createThreeVersions(ModelStore store) {
        ExampleSet examples = new ExampleSet(LABELS, 2, List.of(new float[] {1, 0}, new float[] {0, 1}), new int[] {0, 1});
        HeadProvenance p = new HeadProvenance("test", Map.of(), "toy", 2, "toy-encoder", "2026-11-22T00:00:00Z", null);
        LinearHead head = new LinearHead("toy", HeadType.MULTI_CLASS, LABELS, new float[][] {{1, 0}, {0, 1}},
                new float[] {0, 0}, p);
        ModelManifest v1 = ModelLifecycle.bootstrap(store, BASE, head, "toy-encoder", examples, examples, examples, 10, 1);
        for (int n = 2; n <= 3; n++) {
            ModelManifest next = new ModelManifest(store.domain(), "default", "toy", "v" + n, v1.reference(),
                    v1.createdAt(), v1.encoder(), LABELS, v1.artifacts(), v1.replay(), v1.training(), v1.metrics(),
                    Map.of(0, (long) n));
            store.writeManifest(next);
            int number = n;
            store.update(s -> s.withModel(BASE, new LearnerState.ModelEntry("v" + number, number + 1)));
        }
        store.update(s -> s.withOutbox(List.of()));
    }
}
