package dev.tessera.service;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.pii.PiiExemption;
import dev.tessera.safety.pii.PiiFinding;
import dev.tessera.safety.pii.PiiType;
import dev.tessera.safety.screening.KnownSubjects;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.graph.GraphQueryException;
import dev.tessera.sdk.graph.GraphRetriever;
import dev.tessera.sdk.graph.GraphUnavailableException;
import dev.tessera.sdk.graph.NameSpan;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
 *
 * <p>As a {@link PiiExemption}, the graph's names are what the service publishes: a person, date or address finding
 * that lies inside a name of the graph as the text writes it ({@link GraphRetriever#nameSpans}) is no one's private
 * data to this service. The finance graph's people are the sanctions list it screens against ("Is Marek Dunstane
 * sanctioned?"), the legal graph's cases name parties and years ("Hadley v Baxendale (1854) 9 Exch 341"), the medical
 * graph has "charley horse". The lookup reads the text with every other finding (numbers, e-mail, IDs) blanked out;
 * when the graph cannot answer, nothing is exempt.
 */
final class GraphSubjects implements KnownSubjects, PiiExemption {

    static final String RULE_ID = "screening.graph-entity-named";
    /** Finding types a published name can hold; identifiers, numbers and contact details never are. */
    static final Set<PiiType> IN_NAMES = Set.copyOf(EnumSet.of(PiiType.PERSON, PiiType.DATE_TIME,
            PiiType.STREET_ADDRESS));

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

    @Override
    public Set<PiiFinding> exempt(String text, List<PiiFinding> findings) {
        if (findings.stream().noneMatch(f -> IN_NAMES.contains(f.type()))) {
            return Set.of();
        }
        char[] probe = text.toCharArray();
        for (PiiFinding f : findings) {
            if (!IN_NAMES.contains(f.type())) {
                Arrays.fill(probe, f.start(), f.end(), ' '); // Blanked in place: the offsets stay the text's.
            }
        }
        List<NameSpan> names;
        try {
            names = retriever.nameSpans(new String(probe));
        } catch (GraphUnavailableException | GraphQueryException | InvalidInputException e) {
            return Set.of();
        }
        return findings.stream()
                .filter(f -> IN_NAMES.contains(f.type()) && names.stream().anyMatch(n -> n.covers(f.start(), f.end())))
                .collect(Collectors.toUnmodifiableSet());
    }
}
