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
 * {@code exp((similarity - best) / TEMPERATURE)}, 1 for the best-matching type and falling fast below it, so a
 * question that names no relation leaves the weights close together and the path order decides. Thread-safe; the
 * types' embeddings are computed once.
 */
public final class RelationRelevance {

    /** Similarity gap (cosine) that divides a type's weight by e: 0.05 makes a 0.15 gap a factor of 20. */
    static final double TEMPERATURE = 0.05;

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
        Map<String, Double> weights = new HashMap<>();
        for (Map.Entry<String, Double> e : similarity.entrySet()) {
            weights.put(e.getKey(), Math.exp((e.getValue() - best) / TEMPERATURE));
        }
        return type -> weights.getOrDefault(type, 1.0);
    }
}
