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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knowledge-graph evidence for LangChain4j's retrieval-augmented generation: one {@link Content} per evidence path,
 * its text the path's {@linkplain EvidencePath#citation() citation}.
 *
 * <p>Each content's {@link ContentMetadata#SCORE} is the path score; its text segment's metadata holds
 * {@code score}, {@code hops}, {@code node_ids} (comma-separated, walking order), {@code domain} and
 * {@code source: "knowledge-graph"}.
 *
 * <p>When the graph is unavailable the retriever returns no content, so the answer goes ahead without graph
 * context, and logs one warning with the reason and never the query text (user text stays out of logs). Text the
 * retriever refuses (blank, over-long) raises {@link dev.tessera.sdk.InvalidInputException} as
 * {@link GraphRetriever#evidence} does.
 */
public final class GraphContentRetriever implements ContentRetriever {

    private static final Logger LOG = LoggerFactory.getLogger(GraphContentRetriever.class);

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
        List<Content> contents = new ArrayList<>(evidence.paths().size());
        for (EvidencePath path : evidence.paths()) {
            Metadata metadata = new Metadata()
                    .put("source", "knowledge-graph")
                    .put("domain", retriever.domain().name())
                    .put("score", path.score())
                    .put("hops", path.hops())
                    .put("node_ids", String.join(",", path.nodeIds()));
            contents.add(Content.from(TextSegment.from(path.citation(), metadata),
                    Map.of(ContentMetadata.SCORE, path.score())));
        }
        return contents;
    }
}
