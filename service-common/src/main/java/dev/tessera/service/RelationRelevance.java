package dev.tessera.service;

import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * How well each relationship type answers a question, so the answer states the facts asked about: "What are the
 * symptoms of malaria?" wants HAS_SYMPTOM facts, not the precautions that sort first in the graph. The question and
 * each type read as words ("has symptom") are embedded with the same encoder; a type's weight is
 * {@code exp((similarity - best) / TEMPERATURE)}, 1 for the best-matching type and falling fast below it. A question
 * that asks for no relationship ("Tell me about it.") is as close to one type as to the next, and a small gap would
 * still be a large factor; so where no type reaches {@link #MIN_ASKED_SIMILARITY}, every type weighs 1 and the path
 * order decides. The caller passes the question without the names of what it asks about ({@link
 * dev.tessera.sdk.graph.Evidence#withoutMentions}): "Mitigation of damages" names no relationship, though it reads
 * like "mitigated by". Thread-safe; the types' embeddings are computed once.
 */
public final class RelationRelevance {

    /** Similarity gap (cosine) that divides a type's weight by e: 0.05 makes a 0.15 gap a factor of 20. */
    static final double TEMPERATURE = 0.05;
    /**
     * The cosine at which a question asks for a relationship. MiniLM puts questions that ask for one ("which company is
     * it a subsidiary of", "which specialist treats it", "what risks does it carry") at 0.57 to 0.84 from the type's
     * words, and open ones ("tell me about it", "what should I know about it", "is it an emergency") at 0.35 or less
     * from every type.
     */
    static final double MIN_ASKED_SIMILARITY = 0.4;

    private final SentenceEncoder encoder;
    private final Map<String, Embedding> typeEmbeddings = new ConcurrentHashMap<>();

    public RelationRelevance(SentenceEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** Weights in (0, 1] for {@code types} given {@code question}; an unknown type weighs 1. */
    public ToDoubleFunction<String> forQuestion(String question, Collection<String> types) {
        Objects.requireNonNull(question, "question");
        if (types.size() < 2) {
            return type -> 1.0; // nothing to choose between
        }
        Embedding asked = encoder.embed(question);
        Map<String, Double> similarity = new HashMap<>();
        double best = Double.NEGATIVE_INFINITY;
        for (String type : types) {
            double s = asked.cosine(typeEmbeddings.computeIfAbsent(type,
                    t -> encoder.embed(AnswerComposer.phrase(t))));
            similarity.put(type, s);
            best = Math.max(best, s);
        }
        if (best < MIN_ASKED_SIMILARITY) {
            return type -> 1.0;
        }
        Map<String, Double> weights = new HashMap<>();
        for (Map.Entry<String, Double> e : similarity.entrySet()) {
            weights.put(e.getKey(), Math.exp((e.getValue() - best) / TEMPERATURE));
        }
        return type -> weights.getOrDefault(type, 1.0);
    }
}
