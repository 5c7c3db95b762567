package dev.tessera.sdk.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the Kafka record value is the whole event, with
 * {@code datacontenttype} {@code application/json} and {@code data} a JSON object. Tessera's event types are
 * versioned in the type name ({@code dev.tessera.feedback.v1}); a consumer that meets an unknown type or version
 * rejects the event rather than guessing (see {@link InvalidEventException}).
 *
 * <p>Extension attributes are lower-case alphanumeric names (CloudEvents naming rule) with string values; Tessera
 * uses {@code tenant}.
 *
 * @param id         unique per source; consumers may use (source, id) to drop duplicates
 * @param source     URI-reference of the producer, e.g. {@code /tessera/learner/medical}
 * @param type       event type with version suffix
 * @param subject    what the event is about, e.g. the model name; may be null
 * @param time       when it happened
 * @param data       the payload, a JSON object
 * @param extensions extension attributes
 */
public record CloudEvent(String id, String source, String type, String subject, Instant time, ObjectNode data,
                         Map<String, String> extensions) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /** The wire limit: larger events are refused on both sides rather than truncated. */
    public static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final Set<String> CONTEXT_ATTRIBUTES = Set.of("specversion", "id", "source", "type", "subject",
            "time", "datacontenttype", "dataschema", "data", "data_base64");

    public CloudEvent {
        requireText("id", id);
        requireText("source", source);
        requireText("type", type);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        extensions = Map.copyOf(extensions);
        for (Map.Entry<String, String> e : extensions.entrySet()) {
            if (!EXTENSION_NAME.matcher(e.getKey()).matches() || CONTEXT_ATTRIBUTES.contains(e.getKey())) {
                throw new IllegalArgumentException("extension attribute name '" + e.getKey()
                        + "' must be 1-20 lower-case letters or digits and not a context attribute");
            }
        }
    }

    /** A new event with a random id and the current time. */
    public static CloudEvent create(String source, String type, String subject, ObjectNode data,
                                    Map<String, String> extensions) {
        return new CloudEvent(UUID.randomUUID().toString(), source, type, subject, Instant.now(), data, extensions);
    }

    public String extension(String name) {
        return extensions.get(name);
    }

    /** The structured-mode JSON (one line). */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("specversion", SPEC_VERSION);
        n.put("id", id);
        n.put("source", source);
        n.put("type", type);
        if (subject != null) {
            n.put("subject", subject);
        }
        n.put("time", time.toString());
        n.put("datacontenttype", CONTENT_TYPE);
        extensions.forEach(n::put);
        n.set("data", data);
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses and validates a structured-mode event.
     *
     * @throws InvalidEventException when the value is not JSON, too large, not CloudEvents 1.0, or lacks a JSON
     *                               object payload
     */
    public static CloudEvent parse(String json) {
        if (json == null) {
            throw new InvalidEventException("event value is null (tombstone)");
        }
        if (utf8Length(json) > MAX_BYTES) {
            throw new InvalidEventException("event is larger than " + MAX_BYTES + " bytes");
        }
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new InvalidEventException("event is not a JSON object");
        }
        String specVersion = text(n, "specversion", true);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new InvalidEventException("unsupported specversion '" + specVersion + "' (expected 1.0)");
        }
        String contentType = text(n, "datacontenttype", false);
        if (contentType != null && !contentType.startsWith(CONTENT_TYPE)) {
            throw new InvalidEventException("datacontenttype must be application/json, was '" + contentType + "'");
        }
        JsonNode data = n.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("data must be a JSON object");
        }
        Instant time;
        String timeText = text(n, "time", true);
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("time is not an RFC 3339 UTC instant: '" + timeText + "'");
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!CONTEXT_ATTRIBUTES.contains(f.getKey())) {
                if (!f.getValue().isTextual()) {
                    throw new InvalidEventException("extension attribute '" + f.getKey() + "' must be a string");
                }
                extensions.put(f.getKey(), f.getValue().asText());
            }
        }
        try {
            return new CloudEvent(text(n, "id", true), text(n, "source", true), text(n, "type", true),
                    text(n, "subject", false), time, (ObjectNode) data, extensions);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(e.getMessage());
        }
    }

    /** UTF-8 size without encoding; stops counting once past the limit. */
    private static long utf8Length(String s) {
        if (s.length() > MAX_BYTES) {
            return s.length(); // every char takes at least one byte
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidEventException("missing required attribute '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new InvalidEventException("attribute '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
