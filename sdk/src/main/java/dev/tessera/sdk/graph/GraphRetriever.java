package dev.tessera.sdk.graph;

import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.encoder.SentenceEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Finds a domain's entities in free text (English or Chinese) and the graph paths around them, as cited evidence
 * for a model's answer.
 *
 * <p><b>Linking</b> runs two searches in one query and fuses their rankings:
 * <ul>
 *   <li>full-text over names and aliases in both languages, the text turned into a literal word query
 *       ({@link LuceneQueries}: every Lucene operator escaped, so any input is searched as plain words);</li>
 *   <li>vector similarity: a text containing Chinese (Han) characters is embedded with the Chinese encoder and
 *       searched on {@code embedding_zh}, any other text with the English encoder on {@code embedding_en}.</li>
 * </ul>
 * Reciprocal-rank fusion (Cormack et al., 2009, constant 60) merges the two rankings without comparing their
 * incomparable scores (BM25 vs cosine).
 *
 * <p><b>Evidence</b> expands each linked entity up to {@link EvidenceQuery#hops} relationships, optionally of given
 * types only, along simple paths (no node twice), shortest first. A path scores its entity's link score times
 * {@code hopDecay} per hop; the same path reached from two entities is kept once, with the better score.
 *
 * <p><b>Failure</b>: text is checked first (null, blank or longer than {@code maxTextChars} →
 * {@link InvalidInputException}). Embedding runs before the clock starts; the Neo4j part of a call then gets the
 * {@linkplain GraphSettings#queryTimeout query timeout} in all, with the breaker and retry of {@link KnowledgeGraph}.
 * {@link #link} reports Neo4j trouble as {@link GraphUnavailableException} or {@link GraphQueryException};
 * {@link #evidence} never throws for it and returns an {@link Evidence.Status#UNAVAILABLE} result instead.
 *
 * <p>Cypher text is constant except the hop bound, a checked int; text, vectors, ids and types are parameters.
 * Needs Neo4j 5.23 or later (scoped {@code CALL (x) {…}} subqueries). Thread-safe.
 */
public final class GraphRetriever {

    public static final int DEFAULT_MAX_TEXT_CHARS = 2_000;
    static final int MAX_K = 100;
    /** Each search returns at least this many candidates, so fusion has more than the top few to agree on. */
    private static final int MIN_CANDIDATES = 10;
    private static final int RRF_CONSTANT = 60;
    private static final double RRF_BEST = 2.0 / (RRF_CONSTANT + 1);

    private static final String VECTOR_SEARCH = "CALL db.index.vector.queryNodes($vectorIndex, $candidates, $vector) "
            + "YIELD node, score RETURN 'VECTOR' AS matchedBy, score, node.id AS id, labels(node) AS labels, "
            + "node.name AS name";
    private static final String FULLTEXT_AND_VECTOR_SEARCH = "CALL db.index.fulltext.queryNodes($fullTextIndex, $"
            + KnowledgeGraph.USER_TEXT + ", {limit: $candidates}) YIELD node, score RETURN 'FULLTEXT' AS matchedBy, "
            + "score, node.id AS id, labels(node) AS labels, node.name AS name UNION ALL " + VECTOR_SEARCH;
    /**
     * %s: the allowed relationship types as a pattern alternation ({@code :OWNS|CONTROLS}, each validated by
     * {@link CypherNames#relationshipType}, or empty for any type); %d: the hop bound, from {@link CypherNames#hops}.
     * The types sit in the pattern rather than a WHERE clause so the planner never walks other types: a filter
     * applied after expansion would traverse every hub (a sector with 70,000 companies) first.
     */
    private static final String EXPAND = "UNWIND $seeds AS seed CALL (seed) { "
            + "MATCH p = (s:Entity {id: seed})-[rels%s*1..%d]-(m) "
            + "WHERE all(n IN nodes(p) WHERE single(x IN nodes(p) WHERE x = n)) "
            + "WITH p ORDER BY length(p), [n IN nodes(p) | n.id] LIMIT $perSeed RETURN p } "
            + "RETURN seed, [n IN nodes(p) | {id: n.id, labels: labels(n), name: n.name}] AS nodes, "
            + "[r IN relationships(p) | {id: elementId(r), type: type(r), source: r.source, start: startNode(r).id}] "
            + "AS rels";

    private final KnowledgeGraph graph;
    private final GraphDomain domain;
    private final SentenceEncoder english;
    private final SentenceEncoder chinese;
    private final int maxTextChars;
    private final double hopDecay;

    private GraphRetriever(Builder b) {
        this.graph = b.graph;
        this.domain = b.domain;
        this.english = b.english;
        this.chinese = b.chinese;
        this.maxTextChars = b.maxTextChars;
        this.hopDecay = b.hopDecay;
    }

    /**
     * @param english the encoder the graph's {@code embedding_en} was loaded with
     * @param chinese the encoder the graph's {@code embedding_zh} was loaded with
     */
    public static Builder builder(KnowledgeGraph graph, GraphDomain domain, SentenceEncoder english,
                                  SentenceEncoder chinese) {
        return new Builder(graph, domain, english, chinese);
    }

    public GraphDomain domain() {
        return domain;
    }

    /**
     * The {@code k} entities that best match the text, best first; empty when nothing matches.
     *
     * @throws InvalidInputException     when the text is null, blank or longer than {@code maxTextChars}
     * @throws GraphUnavailableException when Neo4j cannot answer within the query timeout, or the breaker is open
     * @throws GraphQueryException       when Neo4j refuses the query (e.g. the domain's schema was never ensured)
     */
    public List<LinkedEntity> link(String text, int k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be 1.." + MAX_K + ", was " + k);
        }
        String checked = checkText(text);
        Optional<String> suspended = graph.suspension();
        if (suspended.isPresent()) {
            throw new GraphUnavailableException(suspended.get());
        }
        float[] vector = encoderFor(checked).embed(checked).vector();
        return link(checked, vector, k, Deadline.after(graph.settings().queryTimeout()));
    }

    /**
     * Links entities in the text and returns the paths around them. Neo4j trouble (down, slow, circuit open, query
     * refused) gives an {@link Evidence.Status#UNAVAILABLE} result within the query timeout, never an exception.
     *
     * @throws InvalidInputException when the text is null, blank or longer than {@code maxTextChars}
     */
    public Evidence evidence(String text, EvidenceQuery query) {
        Objects.requireNonNull(query, "query");
        String checked = checkText(text);
        Optional<String> suspended = graph.suspension();
        if (suspended.isPresent()) {
            return Evidence.unavailable(suspended.get()); // No embedding work for a call that cannot be served.
        }
        float[] vector = encoderFor(checked).embed(checked).vector();
        Deadline deadline = Deadline.after(graph.settings().queryTimeout());
        try {
            List<LinkedEntity> linked = link(checked, vector, query.k(), deadline);
            if (linked.isEmpty()) {
                return Evidence.available(linked, List.of());
            }
            return Evidence.available(linked, expand(linked, query, deadline));
        } catch (GraphUnavailableException | GraphQueryException e) {
            return Evidence.unavailable(e.getMessage());
        }
    }

    private List<LinkedEntity> link(String text, float[] vector, int k, Deadline deadline) {
        String lucene = LuceneQueries.literal(text);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(KnowledgeGraph.USER_TEXT, lucene);
        parameters.put("fullTextIndex", domain.fullTextIndex());
        parameters.put("vectorIndex", containsHan(text) ? domain.chineseVectorIndex() : domain.englishVectorIndex());
        parameters.put("vector", vector);
        parameters.put("candidates", Math.max(k, MIN_CANDIDATES));
        List<Record> rows = graph.read(lucene.isEmpty() ? VECTOR_SEARCH : FULLTEXT_AND_VECTOR_SEARCH, parameters, deadline);
        return fuse(rows, k);
    }

    /** Reciprocal-rank fusion of the full-text and vector rankings, scaled so that first in both is 1. */
    private List<LinkedEntity> fuse(List<Record> rows, int k) {
        Map<String, Fused> fused = new LinkedHashMap<>();
        for (LinkedEntity.Match search : LinkedEntity.Match.values()) {
            List<Record> ranking = rows.stream()
                    .filter(r -> r.get("matchedBy").asString().equals(search.name()))
                    .sorted(Comparator.comparingDouble((Record r) -> -r.get("score").asDouble())
                            .thenComparing(r -> r.get("id").asString()))
                    .toList();
            for (int rank = 1; rank <= ranking.size(); rank++) {
                Record row = ranking.get(rank - 1);
                Fused entity = fused.computeIfAbsent(row.get("id").asString(),
                        id -> new Fused(id, ownLabels(row.get("labels")), row.get("name").asString("")));
                entity.rrf += 1.0 / (RRF_CONSTANT + rank);
                entity.matchedBy.add(search);
            }
        }
        return fused.values().stream()
                .map(f -> new LinkedEntity(f.id, f.labels, f.name, f.rrf / RRF_BEST, f.matchedBy))
                .sorted(Comparator.comparingDouble((LinkedEntity e) -> -e.score()).thenComparing(LinkedEntity::id))
                .limit(k)
                .toList();
    }

    private static final class Fused {
        final String id;
        final List<String> labels;
        final String name;
        final Set<LinkedEntity.Match> matchedBy = EnumSet.noneOf(LinkedEntity.Match.class);
        double rrf;

        Fused(String id, List<String> labels, String name) {
            this.id = id;
            this.labels = labels;
            this.name = name;
        }
    }

    private List<EvidencePath> expand(List<LinkedEntity> linked, EvidenceQuery query, Deadline deadline) {
        Map<String, Double> seedScores = new HashMap<>();
        linked.forEach(e -> seedScores.put(e.id(), e.score()));
        Map<String, Object> parameters = Map.of(
                "seeds", linked.stream().map(LinkedEntity::id).toList(),
                "perSeed", query.maxPaths());
        String types = query.relationshipTypes().stream().map(CypherNames::relationshipType).sorted()
                .collect(java.util.stream.Collectors.joining("|"));
        String cypher = String.format(Locale.ROOT, EXPAND, types.isEmpty() ? "" : ":" + types,
                CypherNames.hops(query.hops()));
        // One path reached from two linked entities (walked in both directions) is kept once, best score first.
        Map<String, EvidencePath> paths = new HashMap<>();
        for (Record row : graph.read(cypher, parameters, deadline)) {
            EvidencePath path = path(row, seedScores.get(row.get("seed").asString()));
            String key = canonicalKey(row.get("rels"));
            paths.merge(key, path, (a, b) -> a.score() >= b.score() ? a : b);
        }
        return paths.values().stream()
                .sorted(Comparator.comparingDouble((EvidencePath p) -> -p.score())
                        .thenComparingInt(EvidencePath::hops)
                        .thenComparing(EvidencePath::citation))
                .limit(query.maxPaths())
                .toList();
    }

    private EvidencePath path(Record row, double seedScore) {
        List<PathNode> nodes = row.get("nodes").asList(n -> new PathNode(n.get("id").asString(),
                ownLabels(n.get("labels")), n.get("name").asString("")));
        List<Value> rels = row.get("rels").asList(v -> v);
        List<PathStep> steps = new ArrayList<>(rels.size());
        for (int i = 0; i < rels.size(); i++) {
            Value rel = rels.get(i);
            PathNode from = nodes.get(i);
            PathStep.Direction direction = rel.get("start").asString().equals(from.id())
                    ? PathStep.Direction.OUTGOING : PathStep.Direction.INCOMING;
            steps.add(new PathStep(from, rel.get("type").asString(), direction, nodes.get(i + 1),
                    rel.get("source").asString("")));
        }
        return new EvidencePath(steps, seedScore * Math.pow(hopDecay, steps.size()));
    }

    /** The relationship ids in walking order or reversed, whichever sorts first: equal for a path and its reverse. */
    private static String canonicalKey(Value rels) {
        List<String> ids = rels.asList(r -> r.get("id").asString());
        String forward = String.join(",", ids);
        List<String> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        String backward = String.join(",", reversed);
        return forward.compareTo(backward) <= 0 ? forward : backward;
    }

    /** Labels without the infrastructure ones ({@code Entity}, {@code Domain_*}). */
    private List<String> ownLabels(Value labels) {
        return labels.asList(Value::asString).stream()
                .filter(l -> !l.equals(GraphDomain.ENTITY_LABEL) && !l.startsWith(GraphDomain.LABEL_PREFIX))
                .sorted()
                .toList();
    }

    private String checkText(String text) {
        if (text == null) {
            throw new InvalidInputException("text is null");
        }
        if (text.isBlank()) {
            throw new InvalidInputException("text is empty or whitespace only");
        }
        if (text.length() > maxTextChars) {
            throw new InvalidInputException("text has " + text.length() + " characters; at most " + maxTextChars
                    + " are accepted for entity linking");
        }
        return text;
    }

    private SentenceEncoder encoderFor(String text) {
        return containsHan(text) ? chinese : english;
    }

    /** Chinese characters anywhere: the Chinese encoder and index serve it (they also read Latin script). */
    static boolean containsHan(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    public static final class Builder {
        private final KnowledgeGraph graph;
        private final GraphDomain domain;
        private final SentenceEncoder english;
        private final SentenceEncoder chinese;
        private int maxTextChars = DEFAULT_MAX_TEXT_CHARS;
        private double hopDecay = 0.5;

        private Builder(KnowledgeGraph graph, GraphDomain domain, SentenceEncoder english, SentenceEncoder chinese) {
            this.graph = Objects.requireNonNull(graph, "graph");
            this.domain = Objects.requireNonNull(domain, "domain");
            this.english = Objects.requireNonNull(english, "english");
            this.chinese = Objects.requireNonNull(chinese, "chinese");
        }

        /** Longer texts are refused with {@link InvalidInputException}; default 2,000 characters. */
        public Builder maxTextChars(int chars) {
            if (chars < 1) {
                throw new IllegalArgumentException("maxTextChars must be >= 1, was " + chars);
            }
            this.maxTextChars = chars;
            return this;
        }

        /** Factor a path's score is multiplied by per hop, in (0, 1]; default 0.5. */
        public Builder hopDecay(double factor) {
            if (!(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("hopDecay must be in (0, 1], was " + factor);
            }
            this.hopDecay = factor;
            return this;
        }

        public GraphRetriever build() {
            return new GraphRetriever(this);
        }
    }
}
