package dev.tessera.sdk.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.InvalidEventException;
import java.util.Map;

/**
 * A user's correction of one prediction ({@code dev.tessera.feedback.v1} on {@code tessera.<domain>.feedback}).
 *
 * @param eventId        the CloudEvent id
 * @param key            the tenant's model the correction is for
 * @param text           the input that was classified
 * @param predictedLabel what the model said; may be null when unknown
 * @param correctedLabel what it should have said
 * @param modelVersion   the version that made the prediction; may be null
 */
public record FeedbackEvent(String eventId, ModelKey key, String text, String predictedLabel, String correctedLabel,
                            String modelVersion) {

    public static final String TYPE = "dev.tessera.feedback.v1";
    /** Longer inputs are refused, not truncated: a correction must describe exactly what was classified. */
    public static final int MAX_TEXT_CHARS = 20_000;

    public FeedbackEvent {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("text is longer than " + MAX_TEXT_CHARS + " characters");
        }
        if (correctedLabel == null || correctedLabel.isBlank()) {
            throw new IllegalArgumentException("corrected_label must not be blank");
        }
    }

    /** The CloudEvent for this feedback; {@code source} names the producing application. */
    public CloudEvent toCloudEvent(String source) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("model", key.model());
        data.put("text", text);
        if (predictedLabel != null) {
            data.put("predicted_label", predictedLabel);
        }
        data.put("corrected_label", correctedLabel);
        if (modelVersion != null) {
            data.put("model_version", modelVersion);
        }
        return new CloudEvent(eventId, source, TYPE, key.toString(), java.time.Instant.now(), data,
                Map.of("tenant", key.tenant()));
    }

    /**
     * Validates a feedback CloudEvent.
     *
     * @throws InvalidEventException naming the first problem found
     */
    public static FeedbackEvent from(CloudEvent event) {
        if (!TYPE.equals(event.type())) {
            throw new InvalidEventException("unknown event type '" + event.type() + "' (expected " + TYPE + ")");
        }
        String tenant = event.extension("tenant");
        if (tenant == null) {
            throw new InvalidEventException("missing extension attribute 'tenant'");
        }
        JsonNode d = event.data();
        try {
            ModelKey key = new ModelKey(tenant, field(d, "model", true));
            return new FeedbackEvent(event.id(), key, field(d, "text", true), field(d, "predicted_label", false),
                    field(d, "corrected_label", true), field(d, "model_version", false));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("invalid feedback: " + e.getMessage());
        }
    }

    private static String field(JsonNode data, String name, boolean required) {
        JsonNode v = data.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidEventException("feedback data lacks '" + name + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidEventException("feedback field '" + name + "' must be a string");
        }
        return v.asText();
    }
}
