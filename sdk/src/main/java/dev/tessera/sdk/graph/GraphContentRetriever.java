package dev.tessera.sdk.graph;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knowledge-graph evidence for LangChain4j's retrieval-augmented generation: first what the graph says about each
 * entity the query names outright ({@link Evidence#namedOutright}, at most {@value #MAX_DESCRIBED}, best first: "Nausea
 * [Symptom]: The feeling of being about to vomit. Sources: NHS"), in Chinese for a query in Chinese where the graph
 * gives a Chinese description; then one {@link Content} per evidence path, its text the path's
 * {@linkplain EvidencePath#citation() citation}. A chat model asked about an entity the graph relates to nothing
 * thus still gets what the graph knows of it, not only its neighbours' facts.
 *
 * <p>Each content's {@link ContentMetadata#SCORE} is the path score, or the named entity's link score; its text
 * segment's metadata holds {@code kind} ({@code "description"} or {@code "path"}), {@code score}, {@code hops} (0 for
 * a description), {@code node_ids} (comma-separated, walking order), {@code domain} and
 * {@code source: "knowledge-graph"}.
 *
 * <p>With a similarity floor in the query ({@link EvidenceQuery#withMinSimilarity}: the services use
 * {@link EvidenceQuery#RECOMMENDED_MIN_SIMILARITY_ENGLISH} and
 * {@link EvidenceQuery#RECOMMENDED_MIN_SIMILARITY_CHINESE}), a query about something the graph does not hold gets
 * no content, rather than the nearest entities' facts for the chat model to take as relevant; without one it always
 * gets some.
 *
 * <p>When the graph is unavailable the retriever returns no content, so the answer goes ahead without graph
 * context, and logs one warning with the reason and never the query text (user text stays out of logs); when it
 * fails while describing, the paths still come. Text the retriever refuses (blank, over-long) raises
 * {@link dev.tessera.sdk.InvalidInputException} as {@link GraphRetriever#evidence} does.
 */
public final class GraphContentRetriever implements ContentRetriever {

    private static final Logger LOG = LoggerFactory.getLogger(GraphContentRetriever.class);
    /** Descriptions per query at most: each is a round trip, and a query is about a few entities. */
    static final int MAX_DESCRIBED = 3;

    private final GraphRetriever retriever;
    private final EvidenceQuery query;

    public GraphContentRetriever(GraphRetriever retriever, EvidenceQuery query) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.query = Objects.requireNonNull(query, "query");
    }

    @Override
    public List<Content> retrieve(Query userQuery) {
        Evidence evidence = retriever.evidence(userQuery.text(), query);
        if (!evidence.isAvailable()) {
            LOG.warn("Knowledge graph '{}' unavailable, answering without graph evidence: {}",
                    retriever.domain().name(), evidence.reason());
            return List.of();
        }
        List<Content> contents = new ArrayList<>(evidence.paths().size() + MAX_DESCRIBED);
        boolean chinese = GraphRetriever.containsHan(userQuery.text());
        for (LinkedEntity named : evidence.namedOutright(userQuery.text()).stream().limit(MAX_DESCRIBED).toList()) {
            Optional<EntityDescription> description;
            try {
                description = retriever.describe(named.id());
            } catch (GraphUnavailableException | GraphQueryException e) {
                LOG.warn("Knowledge graph '{}' failed while describing, answering with its paths: {}",
                        retriever.domain().name(), e.getMessage());
                break;
            }
            description.ifPresent(d -> contents.add(content(passage(d, chinese), "description", named.score(), 0,
                    List.of(d.id()))));
        }
        for (EvidencePath path : evidence.paths()) {
            contents.add(content(path.citation(), "path", path.score(), path.hops(), path.nodeIds()));
        }
        return contents;
    }

    /** "Name [Label]: description. Sources: source", the Chinese name and description where asked and given. */
    static String passage(EntityDescription d, boolean chinese) {
        boolean inChinese = chinese && d.statedInChinese();
        String name = inChinese ? d.chineseName() : d.name();
        String display = new PathNode(d.id(), d.labels(), name).display();
        String text = display + (inChinese ? "：" + d.descriptionZh() : ": " + d.description());
        return d.source().isEmpty() ? text : text + " Sources: " + d.source();
    }

    private Content content(String text, String kind, double score, int hops, List<String> nodeIds) {
        Metadata metadata = new Metadata()
                .put("source", "knowledge-graph")
                .put("kind", kind)
                .put("domain", retriever.domain().name())
                .put("score", score)
                .put("hops", hops)
                .put("node_ids", String.join(",", nodeIds));
        return Content.from(TextSegment.from(text, metadata), Map.of(ContentMetadata.SCORE, score));
    }
}
