package dev.tessera.sdk.learning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A domain's learning state: the single commit point of the learner. One atomic file replace moves the consumed
 * offsets, the served version of every model and the not-yet-published lifecycle events (the outbox) together, so
 * after a crash either all of a round counts or none of it does.
 *
 * @param domain  the domain
 * @param offsets feedback-topic partition → next offset to consume (events before it are counted or rejected)
 * @param models  {@code tenant/model} → served version and the next version number
 * @param outbox  lifecycle events (CloudEvent JSON) committed but not yet confirmed published
 * @param rounds  training rounds committed so far
 */
public record LearnerState(String domain, Map<Integer, Long> offsets, Map<String, ModelEntry> models,
                           List<String> outbox, long rounds) {

    /**
     * @param current     served version
     * @param nextVersion number of the next version to create (versions are never reused)
     */
    public record ModelEntry(String current, int nextVersion) {
        public ModelEntry {
            Objects.requireNonNull(current, "current");
        }
    }

    public LearnerState {
        Objects.requireNonNull(domain, "domain");
        offsets = Map.copyOf(new TreeMap<>(offsets));
        models = Map.copyOf(models);
        outbox = List.copyOf(outbox);
    }

    public static LearnerState empty(String domain) {
        return new LearnerState(domain, Map.of(), Map.of(), List.of(), 0);
    }

    public ModelEntry model(ModelKey key) {
        return models.get(key.toString());
    }

    public LearnerState withModel(ModelKey key, ModelEntry entry) {
        Map<String, ModelEntry> m = new LinkedHashMap<>(models);
        m.put(key.toString(), entry);
        return new LearnerState(domain, offsets, m, outbox, rounds);
    }

    public LearnerState withOffsets(Map<Integer, Long> newOffsets) {
        return new LearnerState(domain, newOffsets, models, outbox, rounds);
    }

    public LearnerState withOutbox(List<String> newOutbox) {
        return new LearnerState(domain, offsets, models, newOutbox, rounds);
    }

    public LearnerState nextRound() {
        return new LearnerState(domain, offsets, models, outbox, rounds + 1);
    }
}
