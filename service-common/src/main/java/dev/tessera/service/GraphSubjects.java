package dev.tessera.service;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.screening.KnownSubjects;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.graph.GraphQueryException;
import dev.tessera.sdk.graph.GraphRetriever;
import dev.tessera.sdk.graph.GraphUnavailableException;
import java.util.Objects;
import java.util.Optional;

/**
 * The service's knowledge graph as what its input screen knows about ({@link KnownSubjects}): a question that names
 * an entity of the graph outright ({@link GraphRetriever#withoutNames}) is one the service can answer. The scope head
 * learned its domains from 80 example requests and took 179 of 2,720 questions about the shipped graphs' own entities
 * for small talk ("Tell me about Burma."); the Chinese injection head took 27 of 534 such questions ("请介绍一下黄疸。")
 * for attacks.
 *
 * <p>Each lookup is audited as an INPUT decision ({@value #RULE_ID}: ALLOW with score 1 when the text names an
 * entity, BLOCK with 0 when it names none), the text only as a fingerprint. When the graph cannot say (down, slow,
 * text too long to link) the answer is empty, so the heads' verdicts stand.
 */
final class GraphSubjects implements KnownSubjects {

    static final String RULE_ID = "screening.graph-entity-named";

    private final GraphRetriever retriever;
    private final Auditor auditor;

    GraphSubjects(GraphRetriever retriever, Auditor auditor) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public Optional<String> withoutNames(String redactedText) {
        long start = System.nanoTime();
        Optional<String> rest;
        try {
            rest = retriever.withoutNames(redactedText);
        } catch (GraphUnavailableException | GraphQueryException | InvalidInputException e) {
            rest = Optional.empty();
        }
        auditor.record(AuditRecord.Layer.INPUT, redactedText, Auditor.since(start), new Auditor.Decision(RULE_ID, "-",
                rest.isPresent() ? 1 : 0, rest.isPresent() ? AuditRecord.Action.ALLOW : AuditRecord.Action.BLOCK));
        return rest;
    }
}
