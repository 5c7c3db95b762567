package dev.tessera.sdk.graph;

import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.encoder.SentenceEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Finds a domain's entities in free text (English or Chinese) and the graph paths around them, as cited evidence
 * for a model's answer.
 *
 * <p><b>Linking</b> fuses three rankings:
 * <ul>
 *   <li>full-text over names and aliases in both languages, the text turned into a literal word query
 *       ({@link LuceneQueries}: every Lucene operator escaped, so any input is searched as plain words);</li>
 *   <li>vector similarity: a text containing Chinese (Han) characters is embedded with the Chinese encoder and
 *       searched on {@code embedding_zh}, any other text with the English encoder on {@code embedding_en};</li>
 *   <li>the full-text candidates the text names outright, longest name first ({@link EntityMentions}), so "symptoms
 *       of malaria" links "Malaria" before the red flag "Signs of severe malaria" that both searches favour.</li>
 * </ul>
 * Reciprocal-rank fusion (Cormack et al., 2009, constant 60) merges the rankings without comparing their
 * incomparable scores (BM25 vs cosine).
 *
 * <p><b>Two round trips per call</b>, whatever it asks for: the full-text query goes out first and runs in Neo4j while
 * this thread embeds the text; the vector search, the fusion and the expansion then run as one query. On a 2-core
 * box this took the benchmark's median from 11.0–11.8 to 8.6–9.6 ms on one warm server (docs/graph-scaling.md).
 *
 * <p><b>Evidence</b> expands each linked entity up to {@link EvidenceQuery#hops} relationships, optionally of given
 * types only, along simple paths (no node twice), shortest first. A path scores its entity's link score times
 * {@code hopDecay} per hop; the same path reached from two entities is kept once, with the better score.
 *
 * <p><b>Failure</b>: text is checked first (null, blank or longer than {@code maxTextChars} →
 * {@link InvalidInputException}). A call then gets the {@linkplain GraphSettings#queryTimeout query timeout} in all,
 * counted from its first query (the embedding overlaps it), with the breaker and retry of {@link KnowledgeGraph}.
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
    /** Weight of the named ranking in the fusion, against 1 for each search (see {@link Builder#nameWeight}). */
    public static final double DEFAULT_NAME_WEIGHT = 1.0;

    /**
     * Full-text candidates, best first, with their names and aliases (for {@link EntityMentions}); ties in id order so
     * the ranking is deterministic.
     */
    private static final String FULLTEXT_SEARCH = "CALL db.index.fulltext.queryNodes($fullTextIndex, $"
            + KnowledgeGraph.USER_TEXT + ", {limit: $candidates}) YIELD node, score "
            + "RETURN node.id AS id, [node.name, node.name_zh] + coalesce(node.aliases, []) "
            + "+ coalesce(node.aliases_zh, []) AS names ORDER BY score DESC, id";
    /**
     * Vector search, then reciprocal-rank fusion with the full-text and the named rankings the caller passes as
     * {@code $fullTextIds} and {@code $nameIds} (ids, best first), then the {@code $k} best entities: one round trip,
     * so the expansion can follow in the same query. Each entity's RRF sum has at most three terms, so it does not
     * depend on the order they are added in. The similarity floor ({@code $minSimilarity}, null for none) applies
     * before the limit, so an entity below it makes room for the next; Neo4j's cosine is (1 + cos) / 2, turned back
     * into the cosine.
     */
    private static final String LINK_PREFIX = "CALL db.index.vector.queryNodes($vectorIndex, $candidates, $vector) "
            + "YIELD node, score WITH node.id AS id, score ORDER BY score DESC, id "
            + "WITH collect(id) AS vectorIds "
            + "UNWIND [i IN range(0, size($fullTextIds) - 1) | {id: $fullTextIds[i], rank: i + 1, w: 1.0, by: 'FULLTEXT'}] "
            + "+ [i IN range(0, size(vectorIds) - 1) | {id: vectorIds[i], rank: i + 1, w: 1.0, by: 'VECTOR'}] "
            + "+ [i IN range(0, size($nameIds) - 1) | {id: $nameIds[i], rank: $nameRanks[i], w: $nameWeight, by: 'NAME'}] "
            + "AS hit "
            + "WITH hit.id AS id, sum(hit.w / ($rrfConstant + hit.rank)) AS rrf, collect(hit.by) AS matchedBy "
            + "MATCH (s:Entity {id: id}) "
            + "WITH s, id, rrf, matchedBy, 2 * vector.similarity.cosine(s[$vectorProperty], $vector) - 1 AS similarity "
            + "WHERE $minSimilarity IS NULL OR id IN $nameIds OR similarity >= $minSimilarity "
            + "ORDER BY rrf DESC, id LIMIT $k ";
    private static final String LINK = LINK_PREFIX
            + "RETURN id, labels(s) AS labels, s.name AS name, rrf, similarity, matchedBy";
    /**
     * Linking followed by expansion. %s: the allowed relationship types as a pattern alternation ({@code :OWNS|CONTROLS},
     * each validated by {@link CypherNames#relationshipType}, or empty for any type); %d: the hop bound, from
     * {@link CypherNames#hops}. The types sit in the pattern rather than a WHERE clause so the planner never walks
     * other types: a filter applied after expansion would traverse every hub (a sector with 70,000 companies) first.
     */
    private static final String LINK_AND_EXPAND = LINK_PREFIX
            + "CALL (s) { "
            + "MATCH p = (s)-[rels%s*1..%d]-(m) "
            + "WHERE all(n IN nodes(p) WHERE single(x IN nodes(p) WHERE x = n)) "
            + "WITH p ORDER BY length(p), [r IN relationships(p) | coalesce(r." + RelationshipRank.RANK_PROPERTY
            + ", 0)], [n IN nodes(p) | n.id] LIMIT $perSeed "
            + "RETURN collect({nodes: [n IN nodes(p) | {id: n.id, labels: labels(n), name: n.name, "
            + "name_zh: n.name_zh}], rels: [r IN relationships(p) | {id: elementId(r), type: type(r), "
            + "source: r.source, start: startNode(r).id, reading: r.reading, reading_zh: r.reading_zh}]}) "
            + "AS paths } "
            + "RETURN id, labels(s) AS labels, s.name AS name, rrf, similarity, matchedBy, paths";

    /** One entity of the domain by id, through the unique constraint's index. */
    private static final String DESCRIBE = "MATCH (n:" + GraphDomain.ENTITY_LABEL + " {id: $id}) "
            + "WHERE $domainLabel IN labels(n) "
            + "RETURN labels(n) AS labels, n.name AS name, n.name_zh AS name_zh, n.description AS description, "
            + "n.description_zh AS description_zh, n.source AS source";
    /** Ids longer than this are no entity's: the loader's ids are a few dozen characters. */
    static final int MAX_ID_CHARS = 512;

    private final KnowledgeGraph graph;
    private final GraphDomain domain;
    private final SentenceEncoder english;
    private final SentenceEncoder chinese;
    private final int maxTextChars;
    private final double hopDecay;
    private final double nameWeight;
    /** The fused score of an entity first in every ranking, which {@link #linked} scales to 1. */
    private final double rrfBest;

    private GraphRetriever(Builder b) {
        this.graph = b.graph;
        this.domain = b.domain;
        this.english = b.english;
        this.chinese = b.chinese;
        this.maxTextChars = b.maxTextChars;
        this.hopDecay = b.hopDecay;
        this.nameWeight = b.nameWeight;
        this.rrfBest = (2 + nameWeight) / (RRF_CONSTANT + 1);
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
        return linked(search(checked, k, null));
    }

    /**
     * The ids of the entities the text names outright (a name or alias as whole words, a Chinese one as a substring;
     * {@link EntityMentions}), the longest name first; empty when it names none. One full-text round trip and no
     * embedding: cheap enough to ask whether a question is about something this graph knows at all.
     *
     * @throws InvalidInputException     when the text is null, blank or longer than {@code maxTextChars}
     * @throws GraphUnavailableException when Neo4j cannot answer within the query timeout, or the breaker is open
     * @throws GraphQueryException       when Neo4j refuses the query
     */
    public List<String> named(String text) {
        return namedOutright(checkText(text)).stream().map(EntityMentions.Named::id).toList();
    }

    /**
     * The text with every name of an entity it names outright ({@link #named}) replaced where it stands: a Latin one
     * as whole words by "it", a Chinese one by "它"; case and punctuation kept. Empty when it names none. What the
     * text says besides this graph's own names, for a classifier that should judge the writer's words, not the
     * graph's vocabulary ("请介绍一下黄疸。" becomes "请介绍一下它。"). One full-text round trip, as {@link #named}.
     *
     * @throws InvalidInputException     when the text is null, blank or longer than {@code maxTextChars}
     * @throws GraphUnavailableException when Neo4j cannot answer within the query timeout, or the breaker is open
     * @throws GraphQueryException       when Neo4j refuses the query
     */
    public Optional<String> withoutNames(String text) {
        String checked = checkText(text);
        List<EntityMentions.Named> named = namedOutright(checked);
        return named.isEmpty() ? Optional.empty() : Optional.of(EntityMentions.replacedWhereWritten(checked,
                named.stream().map(EntityMentions.Named::mention).toList(), "it", "它"));
    }

    /**
     * Where the text writes the names of this graph's entities, as written ({@link NameSpan}: char offsets into the
     * text), ordered by start; empty when it writes none. Names compare as in {@link #named}, except that a name of
     * fewer than three letters never counts. For a caller that must tell the graph's own names from the writer's
     * words in place: a PII screen need not redact "Hadley" in "Hadley v Baxendale (1854) 9 Exch 341" when the graph
     * publishes that case. One full-text round trip, as {@link #named}.
     *
     * @throws InvalidInputException     when the text is null, blank or longer than {@code maxTextChars}
     * @throws GraphUnavailableException when Neo4j cannot answer within the query timeout, or the breaker is open
     * @throws GraphQueryException       when Neo4j refuses the query
     */
    public List<NameSpan> nameSpans(String text) {
        String checked = checkText(text);
        List<EntityMentions.Candidate> candidates = fullTextCandidates(checked);
        return candidates.isEmpty() ? List.of() : EntityMentions.written(checked, candidates);
    }

    /**
     * The entity's description as the graph stores it (English, and Chinese where the graph gives one), with its
     * names, labels and source; empty when the domain has no entity of that id or the entity has no English
     * description. One round trip by id, no search.
     *
     * @param entityId an id as {@link LinkedEntity#id()} gives it
     * @throws InvalidInputException     when the id is null, blank or longer than 512 characters
     * @throws GraphUnavailableException when Neo4j cannot answer within the query timeout, or the breaker is open
     * @throws GraphQueryException       when Neo4j refuses the query
     */
    public Optional<EntityDescription> describe(String entityId) {
        if (entityId == null || entityId.isBlank()) {
            throw new InvalidInputException("entity id is null or blank");
        }
        if (entityId.length() > MAX_ID_CHARS) {
            throw new InvalidInputException("entity id has " + entityId.length() + " characters; at most "
                    + MAX_ID_CHARS + " are accepted");
        }
        Optional<String> suspended = graph.suspension();
        if (suspended.isPresent()) {
            throw new GraphUnavailableException(suspended.get());
        }
        List<Record> rows = graph.read(DESCRIBE, Map.of("id", entityId, "domainLabel", domain.label()),
                Deadline.after(graph.settings().queryTimeout()));
        if (rows.isEmpty() || rows.get(0).get("description").asString("").isBlank()) {
            return Optional.empty();
        }
        Record row = rows.get(0);
        return Optional.of(new EntityDescription(entityId, ownLabels(row.get("labels")), row.get("name").asString(""),
                row.get("name_zh").asString(""), row.get("description").asString(),
                row.get("description_zh").asString(""), row.get("source").asString("")));
    }

    private List<EntityMentions.Named> namedOutright(String checked) {
        List<EntityMentions.Candidate> candidates = fullTextCandidates(checked);
        return candidates.isEmpty() ? List.of() : EntityMentions.named(checked, candidates);
    }

    private List<EntityMentions.Candidate> fullTextCandidates(String checked) {
        Optional<String> suspended = graph.suspension();
        if (suspended.isPresent()) {
            throw new GraphUnavailableException(suspended.get());
        }
        String lucene = LuceneQueries.literal(checked);
        if (lucene.isEmpty()) {
            return List.of();
        }
        Deadline deadline = Deadline.after(graph.settings().queryTimeout());
        return candidates(graph.read(FULLTEXT_SEARCH, fullTextParameters(lucene, MIN_CANDIDATES), deadline));
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
        try {
            Searched found = search(checked, query.k(), query);
            List<LinkedEntity> linked = linked(found);
            List<String> named = Evidence.available(linked, List.of()).namedOutright(checked).stream()
                    .map(LinkedEntity::id).toList();
            return Evidence.available(linked, paths(found.rows(), linked, named, query.maxPaths()));
        } catch (GraphUnavailableException | GraphQueryException e) {
            return Evidence.unavailable(e.getMessage());
        }
    }

    /** The rows of a search, and the mention of each entity the text names, by id. */
    private record Searched(List<Record> rows, Map<String, String> mentions) {
    }

    /**
     * Links the text, and expands the linked entities when {@code expansion} is given, in two round trips: the
     * full-text search is sent first and runs in Neo4j while the question is embedded here; the vector search, the
     * fusion and the expansion then go in one query. The query timeout counts from the first query.
     */
    private Searched search(String text, int k, EvidenceQuery expansion) {
        Deadline deadline = Deadline.after(graph.settings().queryTimeout());
        String lucene = LuceneQueries.literal(text);
        int candidates = Math.max(k, MIN_CANDIDATES);
        KnowledgeGraph.PendingRead fullText = null;
        if (!lucene.isEmpty()) {
            fullText = graph.readLater(FULLTEXT_SEARCH, fullTextParameters(lucene, candidates), deadline);
        }
        boolean han = containsHan(text);
        float[] vector;
        try {
            vector = (han ? chinese : english).embed(text).vector();
        } catch (RuntimeException e) {
            if (fullText != null) {
                awaitQuietly(fullText); // Its outcome still goes to the breaker.
            }
            throw e;
        }
        List<Record> fullTextRows = fullText == null ? List.of() : fullText.await();
        List<String> fullTextIds = fullTextRows.stream().map(r -> r.get("id").asString()).toList();
        List<EntityMentions.Candidate> candidatesWithNames = candidates(fullTextRows);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("fullTextIds", fullTextIds);
        List<EntityMentions.Named> named = nameWeight > 0 ? EntityMentions.named(text, candidatesWithNames) : List.of();
        Map<String, String> mentions = new HashMap<>();
        named.forEach(n -> mentions.put(n.id(), n.mention()));
        parameters.put("nameIds", named.stream().map(EntityMentions.Named::id).toList());
        parameters.put("nameRanks", named.stream().map(EntityMentions.Named::rank).toList());
        parameters.put("nameWeight", nameWeight);
        parameters.put("vectorIndex", han ? domain.chineseVectorIndex() : domain.englishVectorIndex());
        parameters.put("vectorProperty", han ? GraphLoader.CHINESE_EMBEDDING : GraphLoader.ENGLISH_EMBEDDING);
        parameters.put("vector", vector);
        OptionalDouble floor = expansion == null ? OptionalDouble.empty() : expansion.minSimilarity(han);
        parameters.put("minSimilarity", floor.isPresent() ? floor.getAsDouble() : null);
        parameters.put("candidates", candidates);
        parameters.put("rrfConstant", RRF_CONSTANT);
        parameters.put("k", k);
        if (expansion == null) {
            return new Searched(graph.read(LINK, parameters, deadline), mentions);
        }
        parameters.put("perSeed", expansion.maxPaths());
        String types = expansion.relationshipTypes().stream().map(CypherNames::relationshipType).sorted()
                .collect(java.util.stream.Collectors.joining("|"));
        String cypher = String.format(Locale.ROOT, LINK_AND_EXPAND, types.isEmpty() ? "" : ":" + types,
                CypherNames.hops(expansion.hops()));
        return new Searched(graph.read(cypher, parameters, deadline), mentions);
    }

    private Map<String, Object> fullTextParameters(String lucene, int candidates) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(KnowledgeGraph.USER_TEXT, lucene);
        parameters.put("fullTextIndex", domain.fullTextIndex());
        parameters.put("candidates", candidates);
        return parameters;
    }

    private static List<EntityMentions.Candidate> candidates(List<Record> fullTextRows) {
        return fullTextRows.stream()
                .map(r -> new EntityMentions.Candidate(r.get("id").asString(),
                        r.get("names").asList(v -> v.isNull() ? null : v.asString())))
                .toList();
    }

    private static void awaitQuietly(KnowledgeGraph.PendingRead read) {
        try {
            read.await();
        } catch (RuntimeException ignored) {
            // The caller reports its own failure; this one only had to be counted.
        }
    }

    /** The linked entities, best first, their RRF scaled so that first in all three rankings is 1. */
    private List<LinkedEntity> linked(Searched found) {
        return found.rows().stream()
                .map(r -> new LinkedEntity(r.get("id").asString(), ownLabels(r.get("labels")), r.get("name").asString(""),
                        r.get("rrf").asDouble() / rrfBest, r.get("similarity").asDouble(Double.NaN),
                        matches(r.get("matchedBy")),
                        found.mentions().getOrDefault(r.get("id").asString(), "")))
                .sorted(Comparator.comparingDouble((LinkedEntity e) -> -e.score()).thenComparing(LinkedEntity::id))
                .toList();
    }

    private static Set<LinkedEntity.Match> matches(Value names) {
        Set<LinkedEntity.Match> out = EnumSet.noneOf(LinkedEntity.Match.class);
        names.asList(Value::asString).forEach(n -> out.add(LinkedEntity.Match.valueOf(n)));
        return out;
    }

    /**
     * Each linked entity's paths scored by its link score; one path reached from two linked entities (walked in
     * both directions) is kept once, with the better score. When the text names two or more entities outright
     * ({@code named}), each keeps its best {@code maxPaths / named} paths through it before the rest are taken by
     * score: "What is the difference between a cold and the flu?" got twenty paths of the common cold, whose link
     * score was a hair higher, and none of influenza.
     */
    private List<EvidencePath> paths(List<Record> rows, List<LinkedEntity> linked, List<String> named,
                                     int maxPaths) {
        Map<String, Double> seedScores = new HashMap<>();
        linked.forEach(e -> seedScores.put(e.id(), e.score()));
        // In the order the query walked them (shortest, then best ranked, then by node id): ties keep that order.
        Map<String, EvidencePath> paths = new LinkedHashMap<>();
        for (Record row : rows) {
            double seedScore = seedScores.get(row.get("id").asString());
            for (Value p : row.get("paths").asList(v -> v)) {
                paths.merge(canonicalKey(p.get("rels")), path(p, seedScore), (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        List<EvidencePath> ranked = paths.values().stream()
                .sorted(Comparator.comparingDouble((EvidencePath p) -> -p.score())
                        .thenComparingInt(EvidencePath::hops))
                .toList();
        if (named.size() < 2 || ranked.size() <= maxPaths) {
            return ranked.stream().limit(maxPaths).toList();
        }
        Set<EvidencePath> chosen = new HashSet<>();
        int share = maxPaths / named.size();
        for (String id : named) {
            ranked.stream().filter(p -> p.nodeIds().contains(id)).limit(share).forEach(chosen::add);
        }
        for (Iterator<EvidencePath> it = ranked.iterator(); it.hasNext() && chosen.size() < maxPaths; ) {
            chosen.add(it.next());
        }
        return ranked.stream().filter(chosen::contains).toList();
    }

    private EvidencePath path(Value row, double seedScore) {
        List<PathNode> nodes = row.get("nodes").asList(n -> new PathNode(n.get("id").asString(),
                ownLabels(n.get("labels")), n.get("name").asString(""), n.get("name_zh").asString("")));
        List<Value> rels = row.get("rels").asList(v -> v);
        List<PathStep> steps = new ArrayList<>(rels.size());
        for (int i = 0; i < rels.size(); i++) {
            Value rel = rels.get(i);
            PathNode from = nodes.get(i);
            PathStep.Direction direction = rel.get("start").asString().equals(from.id())
                    ? PathStep.Direction.OUTGOING : PathStep.Direction.INCOMING;
            String type = rel.get("type").asString();
            steps.add(new PathStep(from, type, direction, nodes.get(i + 1), rel.get("source").asString(""),
                    reading(type, rel)));
        }
        return new EvidencePath(steps, seedScore * Math.pow(hopDecay, steps.size()));
    }

    /**
     * The reading the loader stored on the relationship ({@link GraphLoader}); the type's words when it stored none
     * or the stored one is no template (a relationship written to Neo4j by other means).
     */
    private static RelationshipReading reading(String type, Value rel) {
        String english = rel.get("reading").asString("");
        if (english.isEmpty()) {
            return RelationshipReading.ofType(type);
        }
        try {
            return new RelationshipReading(english, rel.get("reading_zh").asString(""));
        } catch (IllegalArgumentException e) {
            return RelationshipReading.ofType(type);
        }
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

    /** Chinese characters anywhere: the Chinese encoder and index serve it (they also read Latin script). */
    static boolean containsHan(String text) {
        return EntityMentions.containsHan(text);
    }

    public static final class Builder {
        private final KnowledgeGraph graph;
        private final GraphDomain domain;
        private final SentenceEncoder english;
        private final SentenceEncoder chinese;
        private int maxTextChars = DEFAULT_MAX_TEXT_CHARS;
        private double hopDecay = 0.5;
        private double nameWeight = DEFAULT_NAME_WEIGHT;

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

        /**
         * Weight in [0, 1] of the third ranking, the entities the text names outright, against 1 for each search;
         * default {@value #DEFAULT_NAME_WEIGHT}. 0 links by full-text and vector alone (compared in
         * {@code tessera eval linking}).
         */
        public Builder nameWeight(double weight) {
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException("nameWeight must be in [0, 1], was " + weight);
            }
            this.nameWeight = weight;
            return this;
        }

        public GraphRetriever build() {
            return new GraphRetriever(this);
        }
    }
}
