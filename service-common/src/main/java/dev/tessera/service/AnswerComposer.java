package dev.tessera.service;

import dev.tessera.safety.verify.Claim;
import dev.tessera.sdk.graph.Evidence;
import dev.tessera.sdk.graph.EvidencePath;
import dev.tessera.sdk.graph.LinkedEntity;
import dev.tessera.sdk.graph.PathNode;
import dev.tessera.sdk.graph.PathStep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Builds a template answer from graph evidence: one sentence per distinct fact, best path first, each fact also
 * returned as a structured {@link Claim} so layer 3 can check it exactly. No model writes the text, so every
 * sentence states a stored relationship; the checks prove it rather than assume it.
 */
public final class AnswerComposer {

    /** A composed answer: its sentences joined, and the claims they make, in the same order. */
    public record Composed(String text, List<Claim> claims) {
        public Composed {
            Objects.requireNonNull(text, "text");
            claims = List.copyOf(claims);
        }
    }

    private final int maxFacts;

    public AnswerComposer(int maxFacts) {
        if (maxFacts < 1) {
            throw new IllegalArgumentException("maxFacts must be at least 1, was " + maxFacts);
        }
        this.maxFacts = maxFacts;
    }

    /** The answer for these paths (best first); empty text and no claims when there are none. */
    public Composed compose(List<EvidencePath> paths) {
        return compose(paths, type -> 1.0);
    }

    /**
     * The answer for these paths, each distinct fact scored by its best path's score times the weight of its
     * relationship type ({@link RelationRelevance}); the best {@code maxFacts} facts are stated, best first, ties in
     * path order.
     */
    public Composed compose(List<EvidencePath> paths, ToDoubleFunction<String> relationWeight) {
        Map<Claim, Double> facts = new LinkedHashMap<>();
        for (EvidencePath path : paths) {
            for (PathStep step : path.steps()) {
                double score = path.score() * relationWeight.applyAsDouble(step.type());
                facts.merge(claim(step), score, Math::max);
            }
        }
        List<Claim> chosen = facts.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<Claim, Double> e) -> -e.getValue()))
                .limit(maxFacts).map(Map.Entry::getKey).toList();
        List<String> sentences = new ArrayList<>(chosen.size());
        for (Claim fact : chosen) {
            sentences.add(fact.subject() + " " + phrase(fact.relation()) + " " + fact.object() + ".");
        }
        return new Composed(String.join(" ", sentences), chosen);
    }

    /**
     * The paths to answer from: those through an entity the question names outright ({@link
     * Evidence#namedOutright}), when it names one that some path passes through; otherwise all of them. A question
     * about Aldermoor Logistics Ltd is answered with facts about it and its group, not those of Cobbleford Logistics
     * Ltd, which the searches link too for sharing a word.
     *
     * @param question the text the evidence was linked from
     */
    static List<EvidencePath> aboutNamed(Evidence evidence, String question) {
        Set<String> named = evidence.namedOutright(question).stream().map(LinkedEntity::id)
                .collect(Collectors.toSet());
        List<EvidencePath> through = evidence.paths().stream()
                .filter(p -> p.nodeIds().stream().anyMatch(named::contains)).toList();
        return through.isEmpty() ? evidence.paths() : through;
    }

    /** The fact a step states, the way the relationship is stored (a path may walk it backwards). */
    static Claim claim(PathStep step) {
        boolean outgoing = step.direction() == PathStep.Direction.OUTGOING;
        PathNode subject = outgoing ? step.from() : step.to();
        PathNode object = outgoing ? step.to() : step.from();
        return new Claim(subject.name(), step.type(), object.name());
    }

    /**
     * The passages a composed sentence is scored against: each relationship of the paths as a one-step citation,
     * once, in path order. A sentence states one relationship, and the citation of a two-step path that holds it reads
     * further from it than the step alone (0.60 against 0.80 for "Cobbleford Trading Ltd owns Cobbleford Logistics
     * Ltd.").
     */
    static List<String> stepCitations(List<EvidencePath> paths) {
        Set<String> citations = new LinkedHashSet<>();
        for (EvidencePath path : paths) {
            for (PathStep step : path.steps()) {
                citations.add(new EvidencePath(List.of(step), path.score()).citation());
            }
        }
        return List.copyOf(citations);
    }

    /** The paths that state at least one of the composed answer's facts, in their order: the answer's sources. */
    static List<EvidencePath> sources(Composed answer, List<EvidencePath> paths) {
        Set<Claim> stated = Set.copyOf(answer.claims());
        return paths.stream().filter(p -> p.steps().stream().anyMatch(step -> stated.contains(claim(step)))).toList();
    }

    /** {@code HAS_SYMPTOM} → "has symptom": the stored type read as words, so no fact is re-worded wrongly. */
    static String phrase(String relationshipType) {
        return relationshipType.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
