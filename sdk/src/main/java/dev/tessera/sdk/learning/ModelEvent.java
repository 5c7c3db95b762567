package dev.tessera.sdk.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.InvalidEventException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model lifecycle event on {@code tessera.models}: a candidate was {@code trained}, then {@code promoted} or
 * {@code rejected}; an operator {@code rolled-back} a model. Keyed by {@code tenant/model}. Event ids of learner
 * events are derived from the round, so an event re-sent after a crash carries the same id.
 *
 * @param kind     what happened
 * @param domain   the model's domain
 * @param key      the tenant's model
 * @param version  the version now served (promoted, rolled-back) or the candidate's parent (trained, rejected)
 * @param previous the version served before (promoted, rolled-back); may be null
 * @param data     the whole payload, metrics and reasons included
 */
public record ModelEvent(Kind kind, String domain, ModelKey key, String version, String previous, ObjectNode data) {

    public enum Kind {
        TRAINED("trained"), PROMOTED("promoted"), REJECTED("rejected"), ROLLED_BACK("rolled-back");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String type() {
            return "dev.tessera.model." + wireName + ".v1";
        }

        static Kind ofType(String type) {
            for (Kind k : values()) {
                if (k.type().equals(type)) {
                    return k;
                }
            }
            throw new InvalidEventException("unknown model event type '" + type + "'");
        }
    }

    public static ObjectNode payload(String domain, ModelKey key, String version, String previous) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("domain", domain);
        d.put("tenant", key.tenant());
        d.put("model", key.model());
        d.put("version", version);
        if (previous != null) {
            d.put("previous_version", previous);
        }
        return d;
    }

    public static ObjectNode metrics(Map<String, Double> metrics) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        metrics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    public static ObjectNode reasons(ObjectNode data, List<String> reasons) {
        reasons.forEach(data.putArray("reasons")::add);
        return data;
    }

    public CloudEvent toCloudEvent(String id, String source) {
        return new CloudEvent(id, source, kind.type(), key.toString(), Instant.now(), data,
                Map.of("tenant", key.tenant()));
    }

    public static ModelEvent from(CloudEvent event) {
        Kind kind = Kind.ofType(event.type());
        JsonNode d = event.data();
        try {
            ModelKey key = new ModelKey(d.path("tenant").asText(null), d.path("model").asText(null));
            String domain = d.path("domain").asText(null);
            String version = d.path("version").asText(null);
            if (domain == null || version == null) {
                throw new InvalidEventException("model event lacks domain or version");
            }
            return new ModelEvent(kind, domain, key, version, d.path("previous_version").asText(null), event.data());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("invalid model event: " + e.getMessage());
        }
    }
}
