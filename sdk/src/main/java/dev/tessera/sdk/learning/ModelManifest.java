package dev.tessera.sdk.learning;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable record of one stored model version: what it is made of (content addresses of every artifact), how
 * it was trained, how it scored at the gate, and which feedback it has consumed. The consumed offsets are part of
 * the snapshot, so a learner that restarts from this version resumes exactly after the events it already counted.
 * Stored as JSON (snake_case) at {@code <store>/<domain>/models/<tenant>/<model>/<version>.json}.
 *
 * @param domain     domain whose feedback topic trains this model
 * @param tenant     tenant owning the lineage
 * @param model      model name
 * @param version    {@code v<n>}, increasing per tenant's model
 * @param parent     {@code tenant/model@version} this version was warm-started from; null for a bootstrap version
 * @param createdAt  when the version was committed (ISO-8601 UTC)
 * @param encoder    the encoder whose vectors the head reads
 * @param labels     the head's label space
 * @param artifacts  content addresses (sha256) of head ONNX, replay buffer, validation, forgetting and feedback-id list
 * @param replay     replay-buffer bookkeeping
 * @param training   what the round trained on
 * @param metrics    gate figures of this version (validation accuracy, forgetting accuracy, per-class recall)
 * @param offsets    feedback-topic partition → next offset to consume, as committed with this version
 */
public record ModelManifest(String domain, String tenant, String model, String version, String parent,
                            String createdAt, String encoder, List<String> labels, Artifacts artifacts,
                            Replay replay, Training training, Map<String, Double> metrics,
                            Map<Integer, Long> offsets) {

    public static final String HEAD = "head";
    public static final String REPLAY = "replay";
    public static final String VALIDATION = "validation";
    public static final String FORGETTING = "forgetting";
    public static final String FEEDBACK_IDS = "feedback_ids";

    /** Content addresses of the version's files; {@code feedbackIds} is null for a version trained on no feedback. */
    public record Artifacts(String head, String replay, String validation, String forgetting, String feedbackIds) {
        public Artifacts {
            Objects.requireNonNull(head, HEAD);
            Objects.requireNonNull(replay, REPLAY);
            Objects.requireNonNull(validation, VALIDATION);
            Objects.requireNonNull(forgetting, FORGETTING);
        }
    }

    /** @param seen examples ever offered to the reservoir */
    public record Replay(int capacity, long seen, long seed) {
    }

    /**
     * @param feedbackEvents feedback events first counted in this version
     * @param feedbackTotal  feedback events counted in this version and all its ancestors
     * @param replayed       replay examples trained on next to the feedback
     * @param trainer        trainer settings
     */
    public record Training(int feedbackEvents, long feedbackTotal, int replayed, Map<String, String> trainer) {
        public Training {
            trainer = Map.copyOf(trainer);
        }
    }

    public ModelManifest {
        Objects.requireNonNull(domain, "domain");
        new ModelKey(tenant, model);
        if (version == null || !version.matches("v[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("version must be v<n>, was '" + version + "'");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(encoder, "encoder");
        labels = List.copyOf(labels);
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(training, "training");
        metrics = Map.copyOf(metrics);
        offsets = Map.copyOf(offsets);
    }

    public ModelKey key() {
        return new ModelKey(tenant, model);
    }

    /** {@code tenant/model@version}. */
    public String reference() {
        return key() + "@" + version;
    }

    public int versionNumber() {
        return Integer.parseInt(version.substring(1));
    }
}
