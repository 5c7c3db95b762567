package dev.tessera.sdk.graph;

import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.graph.GraphFiles.GraphData;
import dev.tessera.sdk.graph.GraphFiles.NodeLine;
import dev.tessera.sdk.graph.GraphFiles.RelationshipLine;
import dev.tessera.sdk.graph.LoadProgress.Phase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.neo4j.driver.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a domain's {@code nodes.jsonl}, {@code relationships.jsonl} and {@code relationship-types.jsonl} (the format
 * of {@code deploy/graphs/<domain>/}) into Neo4j, with embeddings for entity linking. Run {@link GraphSchema#ensure}
 * first.
 *
 * <p>The files are read and checked completely before anything is written ({@link GraphDataException} lists every
 * problem with its line, e.g. a relationship to a node that does not exist). Then nodes are embedded and merged by
 * label, in batches of {@code batchSize} per transaction, and relationships merged by type:
 *
 * <pre>
 * UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props, n:Disease:Domain_medical
 * UNWIND $rows AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
 *   MERGE (a)-[r:HAS_SYMPTOM]->(b) SET r = row.props, r.source = row.source, r.reading = row.reading, ...
 * </pre>
 *
 * Each relationship also stores its type's sentence templates from {@code relationship-types.jsonl} as {@code
 * reading} and {@code reading_zh} ({@link RelationshipReading}), so a path read back carries the words for its facts
 * without a second query; a graph without that file stores none, and its types read as their own words. A type that
 * declares {@code rank_by} also stores each relationship's {@code rank} ({@link RelationshipRank}), which the
 * retriever walks by.
 *
 * Loading is idempotent: {@code MERGE} finds what an earlier load wrote and {@code SET =} replaces its properties
 * with the file's, so a second load leaves the same nodes, relationships and values. A node's properties are the
 * file's {@code properties} plus {@code id}, {@code domain}, {@code name}, {@code name_zh}, {@code aliases},
 * {@code aliases_zh}, {@code aliases_text} (all aliases, for the full-text index), {@code description},
 * {@code description_zh} (read back by {@link GraphRetriever#describe}), {@code source}, {@code embedding_en}
 * ("name. description", English encoder) and {@code embedding_zh} ("name_zh aliases_zh。description_zh", Chinese
 * encoder; absent when the node has no Chinese name or alias). The descriptions make a question that describes an
 * entity without naming it similar to the entity, in either language.
 *
 * <p>What a load does not do: delete nodes or relationships that are no longer in the files, or drop a label a node
 * had under an earlier load. Each batch is its own transaction, so a load that fails midway leaves the batches before
 * it; loading again completes it.
 */
public final class GraphLoader {

    private static final Logger LOG = LoggerFactory.getLogger(GraphLoader.class);
    /** The node properties holding the English and the Chinese embedding, which the vector indexes cover. */
    static final String ENGLISH_EMBEDDING = "embedding_en";
    static final String CHINESE_EMBEDDING = "embedding_zh";

    private final KnowledgeGraph graph;
    private final SentenceEncoder english;
    private final SentenceEncoder chinese;
    private final int batchSize;
    private final Consumer<LoadProgress> progress;

    private GraphLoader(Builder b) {
        this.graph = b.graph;
        this.english = b.english;
        this.chinese = b.chinese;
        this.batchSize = b.batchSize;
        this.progress = b.progress;
    }

    /**
     * @param english embeds "name. description" into {@code embedding_en}; the retriever must use the same model
     * @param chinese embeds "name_zh aliases_zh。description_zh" into {@code embedding_zh}; likewise
     */
    public static Builder builder(KnowledgeGraph graph, SentenceEncoder english, SentenceEncoder chinese) {
        return new Builder(graph, english, chinese);
    }

    /**
     * Loads {@code directory/nodes.jsonl}, {@code directory/relationships.jsonl} and, where present, {@code
     * directory/relationship-types.jsonl} into {@code domain}.
     *
     * @throws GraphDataException        when the files are malformed (nothing is written)
     * @throws GraphUnavailableException when Neo4j is unreachable
     * @throws GraphQueryException       when Neo4j refuses a write
     */
    public LoadSummary load(GraphDomain domain, Path directory) {
        long started = System.nanoTime();
        GraphData data = GraphFiles.read(domain, directory);
        graph.verifyConnectivity();

        Map<String, List<NodeLine>> byLabel = group(data.nodes(), NodeLine::label);
        Map<String, List<RelationshipLine>> byType = group(data.relationships(), RelationshipLine::type);
        int nodesDone = 0;
        for (Map.Entry<String, List<NodeLine>> label : byLabel.entrySet()) {
            String cypher = "UNWIND $rows AS row MERGE (n:" + GraphDomain.ENTITY_LABEL + " {id: row.id}) "
                    + "SET n = row.props, n:" + CypherNames.label(label.getKey()) + ":" + CypherNames.label(domain.label())
                    + " RETURN count(n) AS written";
            for (List<NodeLine> batch : batches(label.getValue())) {
                write(cypher, nodeRows(domain, batch), batch.size());
                nodesDone += batch.size();
                progress.accept(new LoadProgress(Phase.NODES, nodesDone, data.nodes().size()));
            }
        }
        int relationshipsDone = 0;
        for (Map.Entry<String, List<RelationshipLine>> type : byType.entrySet()) {
            String cypher = "UNWIND $rows AS row MATCH (a:" + GraphDomain.ENTITY_LABEL + " {id: row.from}), (b:"
                    + GraphDomain.ENTITY_LABEL + " {id: row.to}) MERGE (a)-[r:" + CypherNames.relationshipType(type.getKey())
                    + "]->(b) SET r = row.props, r.source = row.source, r.reading = row.reading, "
                    + "r.reading_zh = row.readingZh, r." + RelationshipRank.RANK_PROPERTY + " = row.rank "
                    + "RETURN count(r) AS written";
            RelationshipReading reading = data.readings().get(type.getKey());
            RelationshipRank rank = data.ranks().get(type.getKey());
            for (List<RelationshipLine> batch : batches(type.getValue())) {
                write(cypher, relationshipRows(batch, reading, rank), batch.size());
                relationshipsDone += batch.size();
                progress.accept(new LoadProgress(Phase.RELATIONSHIPS, relationshipsDone, data.relationships().size()));
            }
        }
        LoadSummary summary = new LoadSummary(domain.name(), data.nodes().size(), data.relationships().size(),
                counts(byLabel), counts(byType), (System.nanoTime() - started) / 1e9);
        LOG.info("Loaded graph '{}': {} nodes, {} relationships in {} s", domain.name(), summary.nodes(),
                summary.relationships(), String.format(Locale.ROOT, "%.1f", summary.seconds()));
        return summary;
    }

    private void write(String cypher, List<Map<String, Object>> rows, int expected) {
        List<Record> result = graph.write(cypher, Map.of("rows", rows));
        long written = result.get(0).get("written").asLong();
        if (written != expected) {
            // Only possible if nodes vanished between the node and relationship phases (a concurrent delete).
            throw new GraphQueryException("Wrote " + written + " of " + expected + " rows: endpoints missing in the "
                    + "database; load again");
        }
    }

    private List<Map<String, Object>> nodeRows(GraphDomain domain, List<NodeLine> batch) {
        List<String> englishTexts = new ArrayList<>(batch.size());
        List<String> chineseTexts = new ArrayList<>();
        for (NodeLine node : batch) {
            englishTexts.add(node.description().isBlank() ? node.name() : node.name() + ". " + node.description());
            String zh = chineseText(node);
            if (!zh.isEmpty()) {
                chineseTexts.add(zh);
            }
        }
        List<Embedding> englishVectors = english.embedAll(englishTexts);
        List<Embedding> chineseVectors = chineseTexts.isEmpty() ? List.of() : chinese.embedAll(chineseTexts);

        List<Map<String, Object>> rows = new ArrayList<>(batch.size());
        int zh = 0;
        for (int i = 0; i < batch.size(); i++) {
            NodeLine node = batch.get(i);
            Map<String, Object> props = new HashMap<>(node.properties());
            props.put("id", node.id());
            props.put("domain", domain.name());
            props.put("name", node.name());
            props.put("name_zh", node.nameZh());
            props.put("aliases", node.aliases());
            props.put("aliases_zh", node.aliasesZh());
            List<String> allAliases = new ArrayList<>(node.aliases());
            allAliases.addAll(node.aliasesZh());
            props.put("aliases_text", String.join("; ", allAliases));
            props.put("description", node.description());
            props.put("description_zh", node.descriptionZh());
            props.put("source", node.source());
            props.put(ENGLISH_EMBEDDING, englishVectors.get(i).vector());
            if (!chineseText(node).isEmpty()) {
                props.put(CHINESE_EMBEDDING, chineseVectors.get(zh++).vector());
            }
            rows.add(Map.of("id", node.id(), "props", props));
        }
        return rows;
    }

    private static String chineseText(NodeLine node) {
        List<String> parts = new ArrayList<>();
        if (!node.nameZh().isBlank()) {
            parts.add(node.nameZh());
        }
        node.aliasesZh().stream().filter(a -> !a.isBlank()).forEach(parts::add);
        String names = String.join(" ", parts);
        return names.isEmpty() || node.descriptionZh().isBlank() ? names : names + "。" + node.descriptionZh();
    }

    /**
     * A null reading or rank (the graph declares none) removes what an earlier load stored: SET to null deletes.
     */
    private static List<Map<String, Object>> relationshipRows(List<RelationshipLine> batch,
                                                              RelationshipReading reading, RelationshipRank rank) {
        List<Map<String, Object>> rows = new ArrayList<>(batch.size());
        for (RelationshipLine r : batch) {
            Map<String, Object> row = new HashMap<>();
            row.put("from", r.from());
            row.put("to", r.to());
            row.put("props", r.properties());
            row.put("source", r.source());
            row.put("reading", reading == null ? null : reading.english());
            row.put("readingZh", reading == null || reading.chinese().isEmpty() ? null : reading.chinese());
            row.put("rank", rank == null ? null : rank.of(r.properties()));
            rows.add(row);
        }
        return rows;
    }

    private <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += batchSize) {
            batches.add(items.subList(i, Math.min(items.size(), i + batchSize)));
        }
        return batches;
    }

    private static <T> Map<String, List<T>> group(List<T> items, Function<T, String> key) {
        Map<String, List<T>> groups = new TreeMap<>();
        for (T item : items) {
            groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        return groups;
    }

    private static <T> Map<String, Integer> counts(Map<String, List<T>> groups) {
        Map<String, Integer> counts = new TreeMap<>();
        groups.forEach((key, items) -> counts.put(key, items.size()));
        return counts;
    }

    public static final class Builder {
        private final KnowledgeGraph graph;
        private final SentenceEncoder english;
        private final SentenceEncoder chinese;
        private int batchSize = 500;
        private Consumer<LoadProgress> progress = p -> { };

        private Builder(KnowledgeGraph graph, SentenceEncoder english, SentenceEncoder chinese) {
            this.graph = Objects.requireNonNull(graph, "graph");
            this.english = Objects.requireNonNull(english, "english");
            this.chinese = Objects.requireNonNull(chinese, "chinese");
        }

        /** Rows per transaction (and per embedding call); default 500. */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, was " + rows);
            }
            this.batchSize = rows;
            return this;
        }

        /** Called on the loading thread after each batch. */
        public Builder progress(Consumer<LoadProgress> listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public GraphLoader build() {
            return new GraphLoader(this);
        }
    }
}
