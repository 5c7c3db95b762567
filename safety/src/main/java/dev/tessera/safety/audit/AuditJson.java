package dev.tessera.safety.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * The wire form of an {@link AuditRecord}: one compact JSON object per record (one line), UTF-8, fields in this
 * order. This is the contract a log shipper carries, and the {@code data} of the CloudEvents that
 * {@link KafkaAuditSink} publishes (key = {@code request_id}); add fields only at the end and bump {@code schema} on
 * any incompatible change.
 *
 * <pre>{@code
 * {"schema":"tessera.safety.audit/1",          // string, fixed for this version of the shape
 *  "timestamp":"2026-11-22T17:40:00.123456Z",   // string, ISO-8601 UTC instant
 *  "layer":"INPUT",                             // INPUT | GENERATION | OUTPUT
 *  "rule":"EmailRecognizer",                    // rule, recognizer or model id (identifier alphabet)
 *  "model_version":"2026-11-20.1",              // "-" when not versioned
 *  "score":0.97,                                // number, finite
 *  "action":"REDACT",                           // ALLOW | BLOCK | REDACT | REWRITE | REFUSE
 *  "latency_us":412,                            // integer, microseconds, >= 0
 *  "request_id":"req-42",                       // caller's id, joins the records of one request
 *  "text_fingerprint":"hmac-sha256:k1:9f2c..."} // keyed HMAC-SHA256 (64 hex); never the text
 * }</pre>
 *
 * No field carries text or a PII value.
 */
public final class AuditJson {

    /** Value of the {@code schema} field. */
    public static final String SCHEMA = "tessera.safety.audit/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditJson() {
    }

    public static ObjectNode toNode(AuditRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("timestamp", r.timestamp().toString());
        n.put("layer", r.layer().name());
        n.put("rule", r.ruleId());
        n.put("model_version", r.modelVersion());
        n.put("score", r.score());
        n.put("action", r.action().name());
        n.put("latency_us", r.latency().toNanos() / 1000);
        n.put("request_id", r.requestId());
        n.put("text_fingerprint", r.textFingerprint());
        return n;
    }

    /** One line of compact JSON, no trailing newline. */
    public static String toJson(AuditRecord r) {
        try {
            return JSON.writeValueAsString(toNode(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses {@link #toJson} output (a consumer's view; latency comes back at microsecond precision). */
    public static AuditRecord fromJson(String json) {
        try {
            return fromNode(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed audit record JSON", e);
        }
    }

    /** Parses {@link #toNode} output, e.g. the {@code data} of a {@link KafkaAuditSink} event. */
    public static AuditRecord fromNode(JsonNode n) {
        if (n == null || !SCHEMA.equals(n.path("schema").asText())) {
            throw new IllegalArgumentException("not a " + SCHEMA + " record");
        }
        return new AuditRecord(Instant.parse(n.get("timestamp").asText()),
                AuditRecord.Layer.valueOf(n.get("layer").asText()), n.get("rule").asText(),
                n.get("model_version").asText(), n.get("score").asDouble(),
                AuditRecord.Action.valueOf(n.get("action").asText()),
                Duration.ofNanos(n.get("latency_us").asLong() * 1000), n.get("request_id").asText(),
                n.get("text_fingerprint").asText());
    }
}
