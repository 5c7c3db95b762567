package dev.tessera.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a Tessera domain service reads from its configuration ({@code application.properties}, environment
 * variables such as {@code TESSERA_GRAPH_URI}, or system properties). Each setting is declared here once, with its
 * default; docs/api.md lists them. Kafka client settings (TLS, SASL) are passed through from
 * {@code TESSERA_KAFKA_*} environment variables instead ({@code TESSERA_KAFKA_SECURITY_PROTOCOL=SASL_SSL}), as for
 * the CLI: their names are Kafka's, not Tessera's.
 */
@ConfigMapping(prefix = "tessera")
public interface ServiceConfig {

    /** The service's domain: {@code legal}, {@code medical} or {@code finance}. Picks the policy, graph and scope. */
    String domain();

    Graph graph();

    Audit audit();

    Screening screening();

    Ask ask();

    interface Graph {
        /** Bolt URI of the Neo4j holding the domain's graph. Without it the service starts, and ask answers 503. */
        Optional<URI> uri();

        @WithDefault("neo4j")
        String user();

        /** Without a password the driver connects without authentication (the dev servers). */
        Optional<String> password();

        @WithDefault("neo4j")
        String database();

        /** Deadline for one retrieval (both round trips). */
        @WithDefault("2s")
        Duration queryTimeout();
    }

    interface Audit {
        /**
         * Kafka bootstrap servers: every safety decision then goes to topic {@code tessera.safety.audit}. Without it,
         * records go to the log (logger {@code dev.tessera.safety.audit}). Either way they hold fingerprints, never text.
         */
        Optional<String> kafkaBootstrap();

        /**
         * HMAC key for the text fingerprints in audit records, at least 32 bytes. Without it each process draws a
         * random key, so fingerprints cannot be matched across restarts or replicas.
         */
        Optional<String> fingerprintKey();

        /** Public name of that key, written into each record so auditors know which key made it. */
        @WithDefault("default")
        String fingerprintKeyId();

        /** Partitions of the audit topic, when the service has to create it (an existing topic is left as it is). */
        @WithDefault("3")
        int topicPartitions();

        /**
         * Replication factor of the audit topic, when the service has to create it. 1 suits the dev servers; a
         * production cluster wants 3, or the topic created beforehand.
         */
        @WithDefault("1")
        short topicReplicationFactor();
    }

    interface Screening {
        /** Refuse requests the scope head places outside the service's domain. */
        @WithDefault("true")
        boolean scopeCheck();

        /**
         * The scope check refuses a request when the scope head gives the service's domain less than this
         * probability (InputScreen.DEFAULT_MIN_SCOPE_PROBABILITY): off-topic requests, not ones between domains.
         */
        @WithDefault("0.1")
        double scopeMinProbability();

        /**
         * Keep a request in scope, whatever the scope head says, when it names an entity of the service's graph
         * outright (a name or alias as whole words): the head reads many short questions about the graph's own
         * entities as small talk.
         */
        @WithDefault("true")
        boolean scopeGraphNames();

        /**
         * Block a request the injection heads flag only if it still scores as an injection with the names of the
         * service's graph entities replaced by "it" / "它": the Chinese head took 27 of 534 questions such as
         * "请介绍一下黄疸。" (tell me about jaundice) for attacks. An attack written around a name still scores as one.
         */
        @WithDefault("true")
        boolean injectionGraphNames();

        /**
         * Leave as written a person, date or address the PII screen finds inside a name of an entity of the
         * service's graph: the graph publishes it (the finance graph's people are its sanctions list; the legal
         * graph's cases name parties and years), and a question about it redacted is one the graph cannot answer.
         */
        @WithDefault("true")
        boolean piiGraphNames();

        /**
         * Toxicity labels ({@code hate}, {@code offensive}) that refuse a request. None by default: the shipped head
         * reports toxicity on every request but finds hate with precision 0.36, too low to refuse on.
         */
        Optional<Set<String>> blockToxicity();

        /** Longest text {@code POST /v1/screen} accepts, in characters. */
        @WithDefault("65536")
        int maxTextChars();
    }

    interface Ask {
        /** Longest question {@code POST /v1/ask} accepts, in characters. */
        @WithDefault("2000")
        int maxQuestionChars();

        /** Most graph facts an answer states. */
        @WithDefault("5")
        int maxFacts();

        /** Entities linked per question. */
        @WithDefault("3")
        int linkedEntities();

        /**
         * Least cosine similarity between an English question and an entity it does not name for the entity to be
         * linked, so a question about what the graph does not hold gets no facts rather than its nearest entities';
         * -1 links the nearest whatever their similarity. Default:
         * {@code EvidenceQuery.RECOMMENDED_MIN_SIMILARITY_ENGLISH}.
         */
        Optional<Double> minSimilarityEn();

        /** The same for a question in Chinese, with the Chinese encoder's own scale. */
        Optional<Double> minSimilarityZh();
    }
}
