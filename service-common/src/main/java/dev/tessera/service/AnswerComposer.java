package dev.tessera.service;

import dev.tessera.safety.verify.Claim;
import dev.tessera.sdk.graph.EvidencePath;
import dev.tessera.sdk.graph.PathNode;
import dev.tessera.sdk.graph.PathStep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

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
        Set<Claim> facts = new LinkedHashSet<>();
        for (EvidencePath path : paths) {
            for (PathStep step : path.steps()) {
                if (facts.size() == maxFacts) {
                    break;
                }
                // A path may walk a relationship backwards; the claim states it the way it is stored.
                boolean outgoing = step.direction() == PathStep.Direction.OUTGOING;
                PathNode subject = outgoing ? step.from() : step.to();
                PathNode object = outgoing ? step.to() : step.from();
                facts.add(new Claim(subject.name(), step.type(), object.name()));
            }
        }
        List<String> sentences = new ArrayList<>(facts.size());
        for (Claim fact : facts) {
            sentences.add(fact.subject() + " " + phrase(fact.relation()) + " " + fact.object() + ".");
        }
        return new Composed(String.join(" ", sentences), List.copyOf(facts));
    }

    /** {@code HAS_SYMPTOM} → "has symptom": the stored type read as words, so no fact is re-worded wrongly. */
    static String phrase(String relationshipType) {
        return relationshipType.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
