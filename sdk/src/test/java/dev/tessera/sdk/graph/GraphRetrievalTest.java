package dev.tessera.sdk.graph;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import dev.tessera.devservers.client.DevServers;
import dev.tessera.devservers.client.DevServersExtension;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.graph.PathStep.Direction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Driver;

/** Loading, linking and evidence against a real Neo4j (the dev servers) on the sample graph. */
@ExtendWith(DevServersExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GraphRetrievalTest {

    private static final String NAUSEA = "sample:symptom:nausea";
    private static final String MIGRAINE = "sample:disease:migraine";
    private static final String HEADACHE = "sample:symptom:headache";
    private static final String MIGRAINE_SOURCES = "NHS: Migraine; WHO fact sheet: Migraine and other headache disorders";

    private static KnowledgeGraph graph;
    private static GraphRetriever retriever;
    private static Driver driver;

    @BeforeAll
    static void load(DevServers servers) {
        SampleGraph.ensureLoaded(servers);
        // Functional assertions, not latency ones: a generous timeout keeps them stable on a busy 2-core CI machine.
        // GraphOutageTest covers the timeout behaviour with a short one.
        graph = KnowledgeGraph.connect(GraphSettings.builder(servers.boltUri())
                .queryTimeout(java.time.Duration.ofSeconds(20)).build());
        retriever = SampleGraph.retriever(graph);
        driver = SampleGraph.driver(servers);
    }

    @AfterAll
    static void close() {
        graph.close();
        driver.close();
    }

    @Test
    void loadingTwiceChangesNothing(DevServers servers) {
        LoadSummary first = SampleGraph.ensureLoaded(servers);
        Map<String, Object> before = snapshot();

        List<LoadProgress> progress = new ArrayList<>();
        LoadSummary second = GraphLoader.builder(graph, SampleGraph.english(), SampleGraph.chinese()).batchSize(5)
                .progress(progress::add).build()
                .load(SampleGraph.DOMAIN, GraphFilesTest.graphDir("sample"));

        assertEquals(before, snapshot(), "nodes, labels, relationships and their properties after the second load");
        assertEquals(20, second.nodes());
        assertEquals(20, second.relationships());
        assertEquals(Map.of("ClauseType", 4, "Disease", 4, "LegalConcept", 2, "Risk", 2, "Specialty", 2, "Symptom", 6),
                second.nodesByLabel());
        assertEquals(10, second.relationshipsByType().get("HAS_SYMPTOM"));
        assertEquals(first.nodesByLabel(), second.nodesByLabel());
        assertEquals(new LoadProgress(LoadProgress.Phase.NODES, 20, 20), progress.get(7 - 1), "7 node batches of <= 5");
        assertEquals(new LoadProgress(LoadProgress.Phase.RELATIONSHIPS, 20, 20), progress.get(progress.size() - 1));
        assertEquals(7 + 7, progress.size(), "and 7 relationship batches: " + progress);
        assertEquals(20, SampleGraph.count(driver, "MATCH (n:Domain_sample) RETURN count(n)"));
        assertEquals(20, SampleGraph.count(driver, "MATCH (:Domain_sample)-[r]->(:Domain_sample) RETURN count(r)"));
        assertEquals(0, SampleGraph.count(driver, "MATCH (a:Domain_sample)-[r]->(b) WITH a, b, type(r) AS t, "
                + "count(r) AS n WHERE n > 1 RETURN count(*)"), "duplicate relationships");
        assertEquals(0, SampleGraph.count(driver, "MATCH (n:Domain_sample) WHERE n.embedding_en IS NULL "
                + "OR size(n.embedding_en) <> 384 OR size(n.embedding_zh) <> 512 RETURN count(n)"));
    }

    @Test
    void linksEnglishText() {
        assertEquals("sample:symptom:fever", top("My child has had a high temperature since yesterday"));
        assertEquals("sample:clause:limitation_of_liability", top("Is there a cap on liability in this contract?"));
        assertEquals("sample:disease:malaria", top("paludism"));
        LinkedEntity owner = retriever.link("How is paludism's spread stopped?", 3).stream()
                .filter(e -> e.id().equals("sample:disease:malaria")).findFirst().orElseThrow();
        assertTrue(owner.matchedBy().containsAll(Set.of(LinkedEntity.Match.FULLTEXT, LinkedEntity.Match.NAME)),
                "the full-text index keeps \"paludism's\" as one term: " + owner);
        LinkedEntity migraine = retriever.link("migraine", 3).get(0);
        assertEquals(MIGRAINE, migraine.id());
        assertEquals(List.of("Disease"), migraine.labels());
        assertEquals("Migraine", migraine.name());
        assertEquals(1.0, migraine.score(), 1e-9, "ranked first by both searches and named");
        assertEquals(Set.of(LinkedEntity.Match.FULLTEXT, LinkedEntity.Match.VECTOR, LinkedEntity.Match.NAME),
                migraine.matchedBy());
        for (LinkedEntity unnamed : retriever.link("My head is pounding and bright light hurts", 3)) {
            assertFalse(unnamed.matchedBy().contains(LinkedEntity.Match.NAME), unnamed + ": no name of it in the text");
            assertTrue(unnamed.score() <= 2.0 / 3 + 1e-9, "two rankings of three at most: " + unnamed);
        }
        List<LinkedEntity> dengue = retriever.link("What are the symptoms of dengue fever?", 2);
        assertEquals(List.of("sample:disease:dengue", "sample:symptom:fever"),
                dengue.stream().map(LinkedEntity::id).toList(), "the longer name named first, the shorter inside it next");
        assertTrue(dengue.get(0).matchedBy().contains(LinkedEntity.Match.NAME));
        assertEquals(List.of("dengue fever", "fever"), dengue.stream().map(LinkedEntity::mention).toList(),
                "each with the longest of its names the text holds");
        assertEquals("", retriever.link("My head is pounding and bright light hurts", 1).get(0).mention());
        Evidence evidence = retriever.evidence("What are the symptoms of dengue fever?", EvidenceQuery.defaults());
        assertEquals(List.of("sample:disease:dengue"), evidence.namedOutright("What are the symptoms of dengue fever?")
                .stream().map(LinkedEntity::id).toList(), "fever is named only inside dengue fever");
        assertEquals("what are the symptoms of it",
                evidence.withoutMentions("What are the symptoms of dengue fever?", "it"));
        GraphRetriever twoRankings = GraphRetriever.builder(graph, SampleGraph.DOMAIN, SampleGraph.english(),
                SampleGraph.chinese()).nameWeight(0).build();
        assertTrue(twoRankings.link("What are the symptoms of dengue fever?", 3).stream()
                .noneMatch(e -> e.matchedBy().contains(LinkedEntity.Match.NAME)), "named ranking off");
    }

    @Test
    void withoutNamesReplacesTheNamesWhereTheyStand() {
        assertEquals(Optional.of("What are the symptoms of it?"),
                retriever.withoutNames("What are the symptoms of Dengue?"));
        assertEquals(Optional.of("请介绍一下它。"), retriever.withoutNames("请介绍一下疟疾。"));
        assertEquals(Optional.empty(), retriever.withoutNames("What's a good name for my new puppy?"));
        assertThrows(InvalidInputException.class, () -> retriever.withoutNames(" "));
    }

    @Test
    void nameSpansAreWhereTheTextWritesTheNames() {
        String question = "Is DENGUE fever like malaria?";
        assertEquals(List.of(new NameSpan("sample:disease:dengue", 3, 15), new NameSpan("sample:disease:dengue", 3, 9),
                new NameSpan("sample:symptom:fever", 10, 15), new NameSpan("sample:disease:malaria", 21, 28)),
                retriever.nameSpans(question), "a name and an alias inside it both");
        assertEquals(List.of(new NameSpan("sample:disease:malaria", 5, 7)),
                retriever.nameSpans("请介绍一下疟疾。"));
        assertEquals(List.of(), retriever.nameSpans("What's a good name for my new puppy?"));
        assertThrows(InvalidInputException.class, () -> retriever.nameSpans(" "));
    }

    @Test
    void describeGivesTheEntitysOwnWordsWithinItsDomain() {
        EntityDescription migraine = retriever.describe(MIGRAINE).orElseThrow();
        assertEquals(new EntityDescription(MIGRAINE, List.of("Disease"), "Migraine", "偏头痛",
                "A recurrent headache disorder with throbbing pain, often with nausea and sensitivity to light.",
                "一种反复发作的头痛疾病，多为搏动性疼痛，常伴恶心和畏光。", "NHS: Migraine"), migraine);
        assertEquals("", retriever.describe(HEADACHE).orElseThrow().descriptionZh(), "no Chinese description given");
        assertEquals("Migraine [Disease]. Sources: NHS: Migraine", migraine.citation());
        assertEquals(Optional.empty(), retriever.describe("sample:disease:no_such_disease"));
        GraphRetriever otherDomain = GraphRetriever.builder(graph, GraphDomain.of("elsewhere"), SampleGraph.english(),
                SampleGraph.chinese()).build();
        assertEquals(Optional.empty(), otherDomain.describe(MIGRAINE), "another domain's entity is not described");
        assertEquals(Optional.empty(), retriever.describe("x' OR 1=1 //"), "an id is a parameter, never Cypher");
        assertThrows(InvalidInputException.class, () -> retriever.describe(" "));
        assertThrows(InvalidInputException.class, () -> retriever.describe(null));
        assertThrows(InvalidInputException.class,
                () -> retriever.describe("x".repeat(GraphRetriever.MAX_ID_CHARS + 1)));
    }

    @Test
    void namedGivesOnlyTheEntitiesATextNamesOutrightLongestFirst() {
        assertEquals(List.of("sample:disease:malaria"), retriever.named("Paludism: what should I know?"));
        assertEquals(List.of("sample:disease:dengue", "sample:symptom:fever"),
                retriever.named("What are the symptoms of dengue fever?"));
        assertEquals(List.of("sample:disease:malaria"), retriever.named("请介绍一下疟疾。"));
        assertEquals(List.of(), retriever.named("My head is pounding and bright light hurts"),
                "similar in meaning is not named");
        assertEquals(List.of(), retriever.named("What's a good name for my new puppy?"));
        assertEquals(List.of(), retriever.named("*** ??? ((("), "nothing to search for");
        assertThrows(InvalidInputException.class, () -> retriever.named(" "));
        String tooLong = "x".repeat(GraphRetriever.DEFAULT_MAX_TEXT_CHARS + 1);
        assertThrows(InvalidInputException.class, () -> retriever.named(tooLong));
    }

    @Test
    void similarityIsTheCosineOfTheTextAndTheEntityByTheEncoderOfItsScript() {
        String english = "My head is pounding and bright light hurts";
        for (LinkedEntity e : retriever.link(english, 3)) {
            assertEquals(cosine(SampleGraph.english(), english, e.id(), "embedding_en"), e.similarity(), 1e-4,
                    e.toString());
        }
        String chinese = "一直想吐";
        for (LinkedEntity e : retriever.link(chinese, 3)) {
            assertEquals(cosine(SampleGraph.chinese(), chinese, e.id(), "embedding_zh"), e.similarity(), 1e-4,
                    e.toString());
        }
    }

    @Test
    void aSimilarityFloorLinksOnlyWhatTheTextIsAboutOrNames() {
        String offTopic = "How do I renew my passport before travelling abroad?";
        double nearest = retriever.link(offTopic, 1).get(0).similarity();
        EvidenceQuery floored = EvidenceQuery.defaults().withMinSimilarity(nearest + 0.01, 1.0);
        Evidence none = retriever.evidence(offTopic, floored);
        assertTrue(none.isAvailable(), none.reason());
        assertEquals(List.of(), none.entities(), "nothing reaches the floor");
        assertEquals(List.of(), none.paths());
        assertEquals(List.of(), new GraphContentRetriever(retriever, floored).retrieve(Query.from(offTopic)),
                "a chat model gets no content rather than the nearest entities' facts");

        Evidence named = retriever.evidence("Tell me about nausea",
                EvidenceQuery.defaults().withMinSimilarity(1.0, 1.0));
        assertEquals(List.of(NAUSEA), named.entities().stream().map(LinkedEntity::id).toList(),
                "a named entity is linked whatever its similarity; nothing else reaches 1");
        assertFalse(named.paths().isEmpty());

        String described = "My head is pounding and bright light hurts";
        List<LinkedEntity> unfloored = retriever.link(described, 3);
        LinkedEntity closest = unfloored.stream().max(java.util.Comparator.comparingDouble(LinkedEntity::similarity))
                .orElseThrow();
        Evidence best = retriever.evidence(described,
                EvidenceQuery.defaults().withK(1).withMinSimilarity(closest.similarity() - 1e-6, 1.0));
        assertEquals(List.of(closest.id()), best.entities().stream().map(LinkedEntity::id).toList(),
                "the floor applies before the limit: the one entity above it is linked, wherever it ranked");
        assertEquals(1.0, new EvidenceQuery(3, 2, Set.of(), 10).withMinSimilarity(0.3, 1.0).minSimilarityChinese());
        assertThrows(IllegalArgumentException.class, () -> EvidenceQuery.defaults().withMinSimilarity(1.5, 0.5));
    }

    private static double cosine(SentenceEncoder encoder, String text, String id, String property) {
        List<Object> stored;
        try (var session = driver.session()) {
            stored = session.executeRead(tx -> tx.run("MATCH (n:Entity {id: $id}) RETURN n." + property + " AS v",
                    Map.of("id", id)).single().get("v").asList());
        }
        float[] entity = new float[stored.size()];
        for (int i = 0; i < entity.length; i++) {
            entity[i] = ((Number) stored.get(i)).floatValue();
        }
        float[] query = encoder.embed(text).vector();
        double dot = 0;
        for (int i = 0; i < entity.length; i++) {
            dot += query[i] * entity[i];
        }
        return dot;
    }

    @Test
    void linksChineseText() {
        assertEquals("sample:symptom:fever", top("我发烧三天了"));
        assertEquals("sample:disease:malaria", top("疟疾有哪些症状？"));
        assertEquals("sample:clause:limitation_of_liability", top("合同里有没有责任上限"));
        assertEquals("sample:symptom:nausea", top("一直想吐"));
    }

    @Test
    void evidenceFollowsOnlyTheAllowedRelationshipTypesWithSources() {
        Evidence evidence = retriever.evidence("nausea",
                new EvidenceQuery(1, 2, Set.of("HAS_SYMPTOM"), 10));

        assertTrue(evidence.isAvailable(), evidence.reason());
        assertEquals(NAUSEA, evidence.entities().get(0).id());
        List<EvidencePath> paths = evidence.paths();
        assertEquals(List.of(
                "Nausea [Symptom] <-[HAS_SYMPTOM]- Migraine [Disease]. Sources: " + MIGRAINE_SOURCES,
                "Nausea [Symptom] <-[HAS_SYMPTOM]- Migraine [Disease] -[HAS_SYMPTOM]-> Headache [Symptom]. Sources: "
                        + MIGRAINE_SOURCES + " | NHS: Migraine"),
                paths.stream().map(EvidencePath::citation).toList());

        EvidencePath twoHops = paths.get(1);
        assertEquals(List.of(NAUSEA, MIGRAINE, HEADACHE), twoHops.nodeIds());
        PathStep first = twoHops.steps().get(0);
        PathStep second = twoHops.steps().get(1);
        assertEquals("HAS_SYMPTOM", first.type());
        assertEquals(Direction.INCOMING, first.direction(), "stored as (Migraine)-[:HAS_SYMPTOM]->(Nausea)");
        assertEquals(MIGRAINE_SOURCES, first.source());
        assertEquals(Direction.OUTGOING, second.direction());
        assertEquals("NHS: Migraine", second.source());
        assertEquals(List.of("Disease"), second.from().labels());
        assertEquals("Symptoms of Migraine include Nausea", first.englishSentence(), "the loaded reading");
        assertEquals(Optional.of("偏头痛的症状包括恶心"), first.chineseSentence());
        double linkScore = evidence.entities().get(0).score();
        assertEquals(linkScore * 0.5, paths.get(0).score(), 1e-9);
        assertEquals(linkScore * 0.25, twoHops.score(), 1e-9);

        List<String> anyType = retriever.evidence("nausea", new EvidenceQuery(1, 2, Set.of(), 10)).paths()
                .stream().map(EvidencePath::citation).toList();
        assertEquals(3, anyType.size(), anyType.toString());
        assertTrue(anyType.stream().anyMatch(c -> c.contains("-[TREATED_BY_SPECIALTY]-> Neurology")), anyType.toString());
    }

    @Test
    void aTypesDeclaredRankWalksItsBetterRankedRelationshipsFirst() {
        // The common cold's fever is occasional and its runny nose common; by node id fever would come first.
        assertEquals(1, SampleGraph.count(driver, "MATCH (:Domain_sample {id: 'sample:disease:common_cold'})"
                + "-[r:HAS_SYMPTOM {frequency: 'occasional'}]->() WHERE r.rank = 1.0 RETURN count(r)"));
        Evidence cold = retriever.evidence("common cold", EvidenceQuery.defaults().withK(1).withHops(1));
        assertEquals(List.of("sample:symptom:runny_nose", "sample:symptom:fever"),
                cold.paths().stream().map(p -> p.nodeIds().get(1)).toList());
        assertEquals(0, SampleGraph.count(driver, "MATCH (:Domain_sample)-[r:CARRIES_RISK]->() "
                + "WHERE r.rank IS NOT NULL RETURN count(r)"), "a type without rank_by stores none");
    }

    @Test
    void twoNamedEntitiesShareThePathBudget() {
        String question = "Is malaria like dengue?";
        Evidence both = retriever.evidence(question, EvidenceQuery.defaults().withMaxPaths(4));
        assertEquals(Set.of("sample:disease:malaria", "sample:disease:dengue"), both.namedOutright(question).stream()
                .map(LinkedEntity::id).collect(java.util.stream.Collectors.toSet()));
        for (String id : List.of("sample:disease:malaria", "sample:disease:dengue")) {
            assertTrue(both.paths().stream().filter(p -> p.hops() == 1 && p.nodeIds().get(0).equals(id)).count() >= 1,
                    "each named disease keeps paths of its own: " + both.paths());
        }
        assertEquals(4, both.paths().size());
    }

    @Test
    void evidenceAcrossTwoRelationshipTypes() {
        Evidence evidence = retriever.evidence("uncapped liability",
                EvidenceQuery.defaults().withK(1).withRelationshipTypes("MITIGATED_BY", "INVOLVES_CONCEPT"));
        assertEquals(List.of(
                "Uncapped liability [Risk] -[MITIGATED_BY]-> Limitation of liability [ClauseType]. Sources: "
                        + "Tessera contract-risk taxonomy",
                "Uncapped liability [Risk] -[MITIGATED_BY]-> Limitation of liability [ClauseType] -[INVOLVES_CONCEPT]-> "
                        + "Damages [LegalConcept]. Sources: Tessera contract-risk taxonomy | Tessera legal taxonomy"),
                evidence.paths().stream().map(EvidencePath::citation).toList());
    }

    @Test
    void injectionShapedInputIsSearchedAsPlainText() {
        long nodes = SampleGraph.count(driver, "MATCH (n) RETURN count(n)");
        long relationships = SampleGraph.count(driver, "MATCH ()-[r]->() RETURN count(r)");
        List<String> inputs = new ArrayList<>(List.of("\"'", "}) MATCH (n) DETACH DELETE n //",
                "'}) MATCH (n) DETACH DELETE n //", "name:* OR ~", "fever AND", "NOT", "*", "\\", "a:b^2 [x TO y] {z}",
                "发烧\" OR 1=1 --", "$userText", "\u0000\u202e fever", "fever 🤒🤒", "\uD800 lone surrogate",
                "发烧头痛恶心".repeat(333), "x".repeat(GraphRetriever.DEFAULT_MAX_TEXT_CHARS)));
        StringBuilder manyWords = new StringBuilder();
        for (int i = 0; manyWords.length() < 1_990; i++) {
            manyWords.append("w").append(i).append(' ');
        }
        inputs.add(manyWords.toString());

        for (String input : inputs) {
            String shown = input.length() > 40 ? input.substring(0, 40) + "…" : input;
            Evidence evidence = retriever.evidence(input, EvidenceQuery.defaults()); // Links, then expands.
            assertTrue(evidence.isAvailable(), shown + ": " + evidence.reason());
            Evidence floored = retriever.evidence(input, EvidenceQuery.defaults().withMinSimilarity(
                    EvidenceQuery.RECOMMENDED_MIN_SIMILARITY_ENGLISH,
                    EvidenceQuery.RECOMMENDED_MIN_SIMILARITY_CHINESE));
            assertTrue(floored.isAvailable(), shown + " with floors: " + floored.reason());
        }
        assertDoesNotThrow(() -> retriever.link("}) MATCH (n) DETACH DELETE n //", 5));
        assertDoesNotThrow(() -> retriever.link("name:* OR ~", 5));
        String tenThousand = "x".repeat(10_000);
        InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                () -> retriever.evidence(tenThousand, EvidenceQuery.defaults()));
        assertTrue(tooLong.getMessage().contains("at most 2000"), tooLong.getMessage());
        assertThrows(InvalidInputException.class, () -> retriever.link(tenThousand, 5));
        assertThrows(InvalidInputException.class, () -> retriever.link(" \n ", 5));
        assertThrows(InvalidInputException.class, () -> retriever.evidence(null, EvidenceQuery.defaults()));

        assertEquals(nodes, SampleGraph.count(driver, "MATCH (n) RETURN count(n)"));
        assertEquals(relationships, SampleGraph.count(driver, "MATCH ()-[r]->() RETURN count(r)"));
    }

    @Test
    void contentRetrieverGivesOneCitedContentPerPath() {
        GraphContentRetriever contents = new GraphContentRetriever(retriever,
                EvidenceQuery.defaults().withK(1).withRelationshipTypes("HAS_SYMPTOM"));

        List<Content> result = contents.retrieve(Query.from("nausea"));

        assertEquals(3, result.size(), "what nausea is, then two paths");
        Content described = result.get(0);
        assertEquals("Nausea [Symptom]: An uneasy feeling in the stomach with an urge to vomit. "
                + "Sources: Tessera test graph (project-written)", described.textSegment().text());
        assertEquals("description", described.textSegment().metadata().getString("kind"));
        assertEquals(NAUSEA, described.textSegment().metadata().getString("node_ids"));
        assertEquals(0, described.textSegment().metadata().getInteger("hops"));
        assertEquals("path", result.get(1).textSegment().metadata().getString("kind"));
        Content twoHops = result.get(2);
        assertTrue(twoHops.textSegment().text().startsWith("Nausea [Symptom] <-[HAS_SYMPTOM]- Migraine [Disease] -"),
                twoHops.textSegment().text());
        assertEquals(NAUSEA + "," + MIGRAINE + "," + HEADACHE, twoHops.textSegment().metadata().getString("node_ids"));
        assertEquals(2, twoHops.textSegment().metadata().getInteger("hops"));
        assertEquals("sample", twoHops.textSegment().metadata().getString("domain"));
        assertEquals(twoHops.textSegment().metadata().getDouble("score"), (Double) twoHops.metadata().get(ContentMetadata.SCORE));
    }

    @Test
    void contentRetrieverDescribesInChineseForAChineseQueryWhereTheGraphCan() {
        GraphContentRetriever contents = new GraphContentRetriever(retriever, EvidenceQuery.defaults().withK(1));
        assertEquals("偏头痛 [Disease]：一种反复发作的头痛疾病，多为搏动性疼痛，常伴恶心和畏光。 Sources: NHS: Migraine",
                contents.retrieve(Query.from("偏头痛严重吗？")).get(0).textSegment().text());
        assertEquals(List.of(), new GraphContentRetriever(retriever, EvidenceQuery.defaults().withK(1))
                .retrieve(Query.from("My head is pounding and bright light hurts")).stream()
                .filter(c -> c.textSegment().metadata().getString("kind").equals("description")).toList(),
                "a query that names nothing gets paths alone");
    }

    private static String top(String text) {
        List<LinkedEntity> linked = retriever.link(text, 3);
        assertTrue(!linked.isEmpty(), "nothing linked for " + text);
        return linked.get(0).id();
    }

    /** Everything the load writes but the embeddings (their sizes are checked apart), order-independent. */
    private static Map<String, Object> snapshot() {
        Map<String, Object> graphState = new HashMap<>();
        driver.executableQuery("MATCH (n:Domain_sample) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props")
                .execute().records().forEach(r -> {
                    Map<String, Object> props = new HashMap<>(r.get("props").asMap());
                    props.keySet().removeIf(k -> k.startsWith("embedding_"));
                    graphState.put(r.get("id").asString(), List.of(Set.copyOf(r.get("labels").asList()), props));
                });
        driver.executableQuery("MATCH (a:Domain_sample)-[r]->(b) RETURN a.id + ' ' + type(r) + ' ' + b.id AS edge, "
                        + "properties(r) AS props")
                .execute().records().forEach(r -> graphState.merge(r.get("edge").asString(), r.get("props").asMap(),
                        (x, y) -> "duplicate relationship"));
        return graphState;
    }
}
