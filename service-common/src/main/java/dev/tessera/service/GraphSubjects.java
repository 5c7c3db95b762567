package dev.tessera.service;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.graph.GraphQueryException;
import dev.tessera.sdk.graph.GraphRetriever;
import dev.tessera.sdk.graph.GraphUnavailableException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Whether a question names an entity of the service's knowledge graph outright ({@link GraphRetriever#named}), for
 * the scope check: the scope head learned its domains from 80 example requests and took 179 of 2,720 questions
 * about the shipped graphs' own entities for small talk ("Tell me about Burma.", "Tinea: what should I know?").
 * A question that names something the graph holds is one the service can answer.
 *
 * <p>Each answer is audited as an INPUT decision ({@value #RULE_ID}: ALLOW with the number of entities named, or
 * BLOCK with 0), the text only as a fingerprint. When the graph cannot say (down, slow, text too long to link) the
 * answer is false, so the scope head's verdict stands.
 */
final class GraphSubjects implements Predicate<String> {

    static final String RULE_ID = "scope.graph-entity-named";

    private final GraphRetriever retriever;
    private final Auditor auditor;

    GraphSubjects(GraphRetriever retriever, Auditor auditor) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public boolean test(String redactedText) {
        long start = System.nanoTime();
        List<String> named;
        try {
            named = retriever.named(redactedText);
        } catch (GraphUnavailableException | GraphQueryException | InvalidInputException e) {
            named = List.of();
        }
        boolean any = !named.isEmpty();
        auditor.record(AuditRecord.Layer.INPUT, redactedText, Auditor.since(start), new Auditor.Decision(RULE_ID, "-",
                named.size(), any ? AuditRecord.Action.ALLOW : AuditRecord.Action.BLOCK));
        return any;
    }
}
