package dev.tessera.sdk.graph;

import dev.tessera.sdk.encoder.SentenceEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates what a domain's graph needs, idempotently ({@code IF NOT EXISTS}), and waits until it is online:
 *
 * <ul>
 *   <li>a unique constraint on {@code Entity.id} (shared by all domains);</li>
 *   <li>a full-text index on the domain label over {@code name}, {@code name_zh} and {@code aliases_text} with
 *       Lucene's {@code cjk} analyzer, which splits Chinese into character pairs (a word-based analyzer would see a
 *       whole Chinese sentence as one token) and handles English like the standard analyzer;</li>
 *   <li>cosine vector indexes on {@code embedding_en} and {@code embedding_zh}, sized for the English and Chinese
 *       encoders.</li>
 * </ul>
 *
 * An index that exists already with other settings (another analyzer, another vector size) is reported, not
 * silently kept: vectors of the wrong size would simply be left out of the index.
 */
public final class GraphSchema {

    private static final Logger LOG = LoggerFactory.getLogger(GraphSchema.class);
    private static final String ID_CONSTRAINT = "entity_id_unique";
    private static final String ANALYZER = "cjk";
    private static final Duration POLL = Duration.ofMillis(100);

    private final KnowledgeGraph graph;
    private final int englishDimensions;
    private final int chineseDimensions;
    private final Duration onlineTimeout;

    /**
     * @param englishDimensions size of {@code embedding_en} (384 for all-MiniLM-L6-v2)
     * @param chineseDimensions size of {@code embedding_zh} (512 for bge-small-zh-v1.5)
     * @param onlineTimeout     how long {@link #ensure} waits for the indexes to come online
     */
    public GraphSchema(KnowledgeGraph graph, int englishDimensions, int chineseDimensions, Duration onlineTimeout) {
        this.graph = Objects.requireNonNull(graph, "graph");
        if (englishDimensions < 1 || chineseDimensions < 1) {
            throw new IllegalArgumentException("vector dimensions must be positive");
        }
        if (onlineTimeout.isNegative() || onlineTimeout.isZero()) {
            throw new IllegalArgumentException("onlineTimeout must be positive");
        }
        this.englishDimensions = englishDimensions;
        this.chineseDimensions = chineseDimensions;
        this.onlineTimeout = onlineTimeout;
    }

    /** Vector sizes from the encoders the loader and retriever use; waits up to two minutes for indexes. */
    public static GraphSchema forEncoders(KnowledgeGraph graph, SentenceEncoder english, SentenceEncoder chinese) {
        return new GraphSchema(graph, english.dimension(), chinese.dimension(), Duration.ofMinutes(2));
    }

    /**
     * Creates the constraint and the domain's indexes if missing and returns once all are online.
     *
     * @throws GraphQueryException       when an index exists with other settings, or fails to populate
     * @throws GraphUnavailableException when Neo4j is unreachable, or the indexes are not online in time
     */
    public void ensure(GraphDomain domain) {
        graph.verifyConnectivity();
        String label = CypherNames.label(domain.label());
        graph.write("CREATE CONSTRAINT " + ID_CONSTRAINT + " IF NOT EXISTS FOR (n:" + GraphDomain.ENTITY_LABEL
                + ") REQUIRE n.id IS UNIQUE", Map.of());
        graph.write("CREATE FULLTEXT INDEX " + domain.fullTextIndex() + " IF NOT EXISTS FOR (n:" + label
                + ") ON EACH [n.name, n.name_zh, n.aliases_text] OPTIONS {indexConfig: {`fulltext.analyzer`: '"
                + ANALYZER + "'}}", Map.of());
        createVectorIndex(domain.englishVectorIndex(), label, GraphLoader.ENGLISH_EMBEDDING, englishDimensions);
        createVectorIndex(domain.chineseVectorIndex(), label, GraphLoader.CHINESE_EMBEDDING, chineseDimensions);

        Map<String, Expected> expected = new LinkedHashMap<>();
        expected.put(ID_CONSTRAINT, new Expected("RANGE", GraphDomain.ENTITY_LABEL, null, 0));
        expected.put(domain.fullTextIndex(), new Expected("FULLTEXT", label, ANALYZER, 0));
        expected.put(domain.englishVectorIndex(), new Expected("VECTOR", label, null, englishDimensions));
        expected.put(domain.chineseVectorIndex(), new Expected("VECTOR", label, null, chineseDimensions));
        awaitOnline(domain, expected);
    }

    private void createVectorIndex(String name, String label, String property, int dimensions) {
        // Names and sizes are checked values (GraphDomain, CypherNames, an int); nothing here comes from users.
        graph.write("CREATE VECTOR INDEX " + name + " IF NOT EXISTS FOR (n:" + label + ") ON n." + property
                + " OPTIONS {indexConfig: {`vector.dimensions`: " + dimensions
                + ", `vector.similarity_function`: 'cosine'}}", Map.of());
    }

    /** What an index must look like; {@code analyzer} null and {@code dimensions} 0 where they do not apply. */
    private record Expected(String type, String label, String analyzer, int dimensions) {
    }

    private void awaitOnline(GraphDomain domain, Map<String, Expected> expected) {
        long deadline = System.nanoTime() + onlineTimeout.toNanos();
        while (true) {
            List<Record> indexes = graph.readForAdmin("SHOW INDEXES YIELD name, type, state, labelsOrTypes, options, "
                    + "populationPercent WHERE name IN $names RETURN name, type, state, labelsOrTypes, options, "
                    + "populationPercent", Map.of("names", new ArrayList<>(expected.keySet())));
            List<String> pending = new ArrayList<>();
            for (String name : expected.keySet()) {
                Record index = indexes.stream().filter(r -> r.get("name").asString().equals(name)).findFirst()
                        .orElseThrow(() -> new GraphQueryException("Index " + name + " is missing after creation; "
                                + "does another index cover the same label and properties under another name?"));
                check(name, index, expected.get(name));
                String state = index.get("state").asString();
                if (state.equals("FAILED")) {
                    throw new GraphQueryException("Index " + name + " failed to populate; drop it and run ensure again");
                }
                if (!state.equals("ONLINE")) {
                    pending.add(String.format(Locale.ROOT, "%s %s %.0f%%", name, state,
                            index.get("populationPercent").asDouble(0)));
                }
            }
            if (pending.isEmpty()) {
                LOG.info("Graph schema for '{}' online: {}", domain.name(), String.join(", ", expected.keySet()));
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new GraphUnavailableException("Indexes not online after " + onlineTimeout.toSeconds() + " s: "
                        + String.join(", ", pending));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphUnavailableException("Interrupted while waiting for indexes", e);
            }
        }
    }

    private static void check(String name, Record index, Expected expected) {
        String type = index.get("type").asString();
        List<Object> labels = index.get("labelsOrTypes").asList();
        Value config = index.get("options").get("indexConfig");
        List<String> differences = new ArrayList<>();
        if (!type.equals(expected.type())) {
            differences.add("type " + type + " instead of " + expected.type());
        }
        if (!labels.equals(List.of(expected.label()))) {
            differences.add("labels " + labels + " instead of [" + expected.label() + "]");
        }
        if (expected.analyzer() != null && !expected.analyzer().equals(config.get("fulltext.analyzer").asString(null))) {
            differences.add("analyzer " + config.get("fulltext.analyzer").asString(null) + " instead of "
                    + expected.analyzer());
        }
        if (expected.dimensions() > 0 && config.get("vector.dimensions").asInt(-1) != expected.dimensions()) {
            differences.add(config.get("vector.dimensions").asInt(-1) + " dimensions instead of "
                    + expected.dimensions() + " (another encoder?)");
        }
        if (!differences.isEmpty()) {
            throw new GraphQueryException("Index " + name + " exists with other settings: "
                    + String.join("; ", differences) + ". Drop it (DROP INDEX " + name + ") and run ensure again, "
                    + "then reload the graph");
        }
    }
}
