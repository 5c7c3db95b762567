package dev.tessera.sdk.learning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.sdk.TesseraException;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.head.HeadType;
import dev.tessera.sdk.head.LinearHead;
import dev.tessera.sdk.registry.ModelNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Operations on stored model versions outside a training round: creating a base model's first version, rolling a
 * model back, and publishing committed lifecycle events (the outbox). Used by the learner, the CLI and the REST call.
 */
public final class ModelLifecycle {

    private static final long PUBLISH_TIMEOUT_S = 30;

    private ModelLifecycle() {
    }

    /**
     * Stores {@code head} as version v1 of a base model and serves it.
     *
     * @param trainingSample examples the head was trained on; seeds the replay buffer
     * @param validation     the set every later candidate is judged on
     * @param forgetting     a frozen set of examples later versions must keep getting right
     * @throws TesseraException when the model exists already
     */
    public static ModelManifest bootstrap(ModelStore store, ModelKey key, LinearHead head, String encoder,
                                          ExampleSet trainingSample, ExampleSet validation, ExampleSet forgetting,
                                          int replayCapacity, long seed) {
        if (head.type() != HeadType.MULTI_CLASS) {
            throw new IllegalArgumentException("the learner retrains multi-class heads only; " + key + " is " + head.type());
        }
        for (ExampleSet s : List.of(trainingSample, validation, forgetting)) {
            if (!s.labels().equals(head.labels()) || s.dimension() != head.inputDimension()) {
                throw new IllegalArgumentException("example sets must share the head's labels " + head.labels()
                        + " and input size " + head.inputDimension());
            }
        }
        ReplayBuffer replay = ReplayBuffer.empty(head.labels(), head.inputDimension(), replayCapacity, seed)
                .offer(trainingSample);
        ModelManifest manifest = new ModelManifest(store.domain(), key.tenant(), key.model(), "v1", null,
                Instant.now().toString(), encoder, head.labels(),
                new ModelManifest.Artifacts(store.putBlob(head.toOnnx()), store.putBlob(replay.examples().toBytes()),
                        store.putBlob(validation.toBytes()), store.putBlob(forgetting.toBytes()), null),
                new ModelManifest.Replay(replay.capacity(), replay.seen(), replay.seed()),
                new ModelManifest.Training(0, 0, 0, head.provenance().config()),
                PromotionGate.metrics(head, validation, forgetting), Map.of());
        store.update(state -> {
            if (state.model(key) != null) {
                throw new TesseraException(key + " exists already in the " + store.domain() + " store");
            }
            store.writeManifest(manifest);
            ObjectNode data = ModelEvent.payload(store.domain(), key, "v1", null);
            data.set("metrics", ModelEvent.metrics(manifest.metrics()));
            String event = new ModelEvent(ModelEvent.Kind.PROMOTED, store.domain(), key, "v1", null, data)
                    .toCloudEvent(eventId(store.domain(), key, "v1", "promoted"), "/tessera/model-store").toJson();
            List<String> outbox = new ArrayList<>(state.outbox());
            outbox.add(event);
            return state.withModel(key, new LearnerState.ModelEntry("v1", 2)).withOutbox(outbox);
        });
        return manifest;
    }

    /**
     * Serves an earlier stored version again and queues a {@code rolled-back} event (publish it with
     * {@link #publishOutbox}). The learner's next round for the model warm-starts from it.
     *
     * @param version the version to restore; null means the one before the current version
     * @return the event, with the previous and restored versions
     * @throws ModelNotFoundException when the model or version does not exist
     */
    public static ModelEvent rollback(ModelStore store, ModelKey key, String version, String reason) {
        ModelEvent[] result = new ModelEvent[1];
        store.update(state -> {
            LearnerState.ModelEntry entry = state.model(key);
            if (entry == null) {
                throw new ModelNotFoundException("no model " + key + " in the " + store.domain() + " store");
            }
            String target = version;
            if (target == null) {
                int current = Integer.parseInt(entry.current().substring(1));
                if (current <= 1) {
                    throw new ModelNotFoundException(key + " is at v1; there is no earlier version to roll back to");
                }
                target = "v" + (current - 1);
            }
            if (Integer.parseInt(target.substring(1)) >= entry.nextVersion()) {
                throw new ModelNotFoundException(key + " has no committed version " + target);
            }
            store.manifest(key, target); // must exist and be readable before it is served
            ObjectNode data = ModelEvent.payload(store.domain(), key, target, entry.current());
            if (reason != null) {
                data.put("reason", reason);
            }
            ModelEvent event = new ModelEvent(ModelEvent.Kind.ROLLED_BACK, store.domain(), key, target,
                    entry.current(), data);
            result[0] = event;
            List<String> outbox = new ArrayList<>(state.outbox());
            outbox.add(event.toCloudEvent(UUID.randomUUID().toString(), "/tessera/model-store").toJson());
            return state.withModel(key, new LearnerState.ModelEntry(target, entry.nextVersion())).withOutbox(outbox);
        });
        return result[0];
    }

    /**
     * Publishes every committed but unconfirmed lifecycle event to {@code tessera.models}, waits for the broker's
     * acknowledgement, then removes them from the outbox. A crash in between re-sends them (same ids).
     *
     * @return the number of events published
     */
    public static int publishOutbox(ModelStore store, Producer<String, String> producer) {
        List<String> pending = store.state().outbox();
        if (pending.isEmpty()) {
            return 0;
        }
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        for (String json : pending) {
            CloudEvent event = CloudEvent.parse(json);
            sends.add(producer.send(new ProducerRecord<>(EventTopics.MODELS, event.subject(), json)));
        }
        producer.flush();
        try {
            for (java.util.concurrent.Future<?> f : sends) {
                f.get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TesseraException("interrupted publishing model events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TesseraException("model events not acknowledged by Kafka; they stay in the outbox", e);
        }
        Set<String> done = new HashSet<>(pending);
        store.update(state -> state.withOutbox(state.outbox().stream().filter(e -> !done.contains(e)).toList()));
        return pending.size();
    }

    /** @param step the version, or the round ({@code round-<n>}) for events of a candidate */
    static String eventId(String domain, ModelKey key, String step, String what) {
        return domain + "/" + key + "/" + step + "/" + what;
    }
}
