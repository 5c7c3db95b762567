package dev.tessera.sdk.events;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * How Tessera reaches a Kafka cluster: bootstrap servers plus any client settings passed through unchanged
 * (security.protocol, sasl.*, ssl.*, timeouts…), so SASL/TLS clusters need no code change. Producers and consumers
 * built from it get Tessera's delivery defaults, which the passthrough may override.
 *
 * @param bootstrapServers comma-separated host:port list
 * @param clientId         client.id reported to the brokers
 * @param clientProperties passed through to every client; may not repeat bootstrap.servers or client.id
 */
public record KafkaSettings(String bootstrapServers, String clientId, Map<String, String> clientProperties) {

    /**
     * The prefix of the environment variables Tessera's processes (CLI, services) read Kafka client settings from,
     * with {@link Builder#propertiesFromEnvironment}: {@code TESSERA_KAFKA_SECURITY_PROTOCOL=SASL_SSL}.
     */
    public static final String ENVIRONMENT_PREFIX = "TESSERA_KAFKA_";

    private static final Pattern HOST_PORT_LIST = Pattern.compile("^[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5})*$");
    /** Settings whose values are secrets: never printed. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|jaas\\.config|secret|token).*");

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        if (!HOST_PORT_LIST.matcher(bootstrapServers).matches()) {
            throw new IllegalArgumentException("bootstrapServers must be host:port[,host:port…], was '" + bootstrapServers + "'");
        }
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        clientProperties = Map.copyOf(clientProperties);
        for (String key : clientProperties.keySet()) {
            if (key.equals("bootstrap.servers") || key.equals("client.id")) {
                throw new IllegalArgumentException(key + " is set by KafkaSettings itself; do not pass it through");
            }
        }
    }

    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /**
     * Producer settings: idempotent, acks=all (no event lost or duplicated by retries), then the passthrough.
     */
    public Properties producerProperties() {
        Properties p = base();
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.putAll(clientProperties);
        return p;
    }

    /**
     * Consumer settings: manual commits and read_committed (the caller decides when an event counts as
     * processed), earliest offset for a new group, then the passthrough.
     */
    public Properties consumerProperties(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank");
        }
        Properties p = base();
        p.put("group.id", groupId);
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.putAll(clientProperties);
        return p;
    }

    /** Admin-client settings: connection and security only, then the passthrough. */
    public Properties adminProperties() {
        Properties p = base();
        p.putAll(clientProperties);
        return p;
    }

    private Properties base() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", clientId);
        return p;
    }

    /** Secrets (passwords, JAAS configs, tokens) are shown as {@code ****}. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        clientProperties.keySet().stream().sorted().forEach(k ->
                shown.put(k, SECRET_KEY.matcher(k).matches() ? "****" : clientProperties.get(k)));
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", clientId=" + clientId + ", clientProperties="
                + shown + "]";
    }

    public static final class Builder {
        private final String bootstrapServers;
        private String clientId = "tessera";
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        public Builder clientId(String id) {
            this.clientId = id;
            return this;
        }

        /** Any Kafka client setting, passed through unchanged (e.g. {@code security.protocol=SASL_SSL}). */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Every environment variable {@code <prefix>FOO_BAR=v} becomes the setting {@code foo.bar=v}, so operators
         * configure SASL/TLS without code (e.g. {@code TESSERA_KAFKA_SECURITY_PROTOCOL=SASL_SSL}).
         */
        public Builder propertiesFromEnvironment(String prefix, Map<String, String> environment) {
            environment.forEach((k, v) -> {
                if (k.startsWith(prefix) && !k.equals(prefix + "BOOTSTRAP_SERVERS") && !k.equals(prefix + "CLIENT_ID")) {
                    properties.put(k.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
                }
            });
            return this;
        }

        public KafkaSettings build() {
            return new KafkaSettings(bootstrapServers, clientId, properties);
        }
    }
}
