package dev.tessera.service;

import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.graph.RelationshipReading;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * How well each relationship type answers a question, so the answer states the facts asked about: "What are the
 * symptoms of malaria?" wants HAS_SYMPTOM facts, not the precautions that sort first in the graph. The question and
 * a text for each type are embedded with the same encoder; a type's weight is {@code exp((similarity - best) /
 * TEMPERATURE)}, 1 for the best-matching type and falling fast below it. A question that asks for no relationship
 * ("Tell me about it.") is as close to one type as to the next, and a small gap would still be a large factor; so
 * where no type reaches the reader's gate, every type weighs 1 and the path order decides. The caller passes the
 * question without the names of what it asks about ({@link dev.tessera.sdk.graph.Evidence#withoutMentions}):
 * "Mitigation of damages" names no relationship, though it reads like "mitigated by".
 *
 * <p>One instance reads one language: {@link #english} reads a type as its words ("has symptom") and as the graph's
 * reading of it ("Symptoms of it include what"), the nearer of the two, with MiniLM; {@link #chinese} reads the
 * graph's Chinese reading of it ("它的症状包括什么") with bge-small-zh. Thread-safe; each type
 * text is embedded once.
 */
public final class RelationRelevance {

    /** Similarity gap (cosine) that divides a type's weight by e: 0.05 makes a 0.15 gap a factor of 20. */
    static final double TEMPERATURE = 0.05;
    /**
     * The cosine at which an English question asks for a relationship. MiniLM puts questions that ask for one ("which
     * company is it a subsidiary of", "which specialist treats it", "what risks does it carry") at 0.57 to 0.84 from
     * the type's words, and open ones ("tell me about it", "what should I know about it", "is it an emergency") at
     * 0.35 or less from every type.
     */
    static final double ENGLISH_MIN_ASKED_SIMILARITY = 0.4;
    /**
     * The same for Chinese with bge-small-zh, which scores everything higher: questions that ask for a relationship
     * ("它有哪些症状？", "它是哪家公司的子公司？", "谁控制它？", "它由哪个科室诊治？") reach 0.67 to 0.93 from the type's
     * Chinese reading, open ones ("请介绍一下它。", "它严重吗？", "它是紧急情况吗？") 0.52 to 0.58; "关于它我应该知道什么？"
     * reaches precautions at 0.66. Missed below the gate, so read in path order: "怎样预防它？" (0.57).
     */
    static final double CHINESE_MIN_ASKED_SIMILARITY = 0.65;

    private final SentenceEncoder encoder;
    private final Function<Map.Entry<String, RelationshipReading>, List<String>> typeTexts;
    private final double minAskedSimilarity;
    private final Map<String, Embedding> textEmbeddings = new ConcurrentHashMap<>();

    private RelationRelevance(SentenceEncoder encoder,
                              Function<Map.Entry<String, RelationshipReading>, List<String>> typeTexts,
                              double minAskedSimilarity) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.typeTexts = typeTexts;
        this.minAskedSimilarity = minAskedSimilarity;
    }

    /**
     * English questions, with the graph's English encoder: a type reads as its words and as its reading, whichever
     * is nearer. The words alone put "what are the warning signs of it" nearer "has symptom" than "has red flag"; the
     * reading, "A warning sign with it is what", does not.
     */
    public static RelationRelevance english(SentenceEncoder encoder) {
        return new RelationRelevance(encoder, type -> List.of(RelationshipReading.typeWords(type.getKey()),
                type.getValue().english("it", "what")), ENGLISH_MIN_ASKED_SIMILARITY);
    }

    /**
     * Chinese questions, with the graph's Chinese encoder: a type reads as its Chinese reading about "它" (it) and
     * "什么" (what). Where a type has no Chinese reading, nothing is weighed.
     */
    public static RelationRelevance chinese(SentenceEncoder encoder) {
        return new RelationRelevance(encoder, type -> type.getValue().chinese("它", "什么").map(List::of)
                .orElse(List.of()), CHINESE_MIN_ASKED_SIMILARITY);
    }

    /**
     * What a question asks of the evidence's relationship types.
     *
     * @param weight      each type's weight in (0, 1]; a type not among the evidence's weighs 1
     * @param asksForNone whether the question was read against every type and none reached the gate: an open
     *                    question ("tell me about it") rather than one for a relationship. False when it could not be
     *                    read (no types, or a type without a reading)
     */
    public record Weights(ToDoubleFunction<String> weight, boolean asksForNone) {
        public Weights {
            Objects.requireNonNull(weight, "weight");
        }
    }

    /**
     * Weights in (0, 1] for the relationship types of the evidence, given {@code question} (a type not among them
     * weighs 1), and whether the question asks for none of the types. One type alone weighs 1, as there is nothing to
     * choose between, but is still read, to tell whether it was asked for.
     *
     * @param types each type with the reading the graph gave it ({@link dev.tessera.sdk.graph.PathStep#reading()})
     */
    public Weights weigh(String question, Map<String, RelationshipReading> types) {
        Objects.requireNonNull(question, "question");
        ToDoubleFunction<String> flat = type -> 1.0;
        if (types.isEmpty()) {
            return new Weights(flat, false);
        }
        Map<String, List<String>> texts = new HashMap<>();
        for (Map.Entry<String, RelationshipReading> type : types.entrySet()) {
            List<String> text = typeTexts.apply(type);
            if (text.isEmpty()) {
                return new Weights(flat, false); // one type could not be read: weighing the others would bury it
            }
            texts.put(type.getKey(), text);
        }
        Embedding asked = encoder.embed(question);
        Map<String, Double> similarity = new HashMap<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, List<String>> type : texts.entrySet()) {
            double s = Double.NEGATIVE_INFINITY;
            for (String text : type.getValue()) {
                s = Math.max(s, asked.cosine(textEmbeddings.computeIfAbsent(text, encoder::embed)));
            }
            similarity.put(type.getKey(), s);
            best = Math.max(best, s);
        }
        if (best < minAskedSimilarity) {
            return new Weights(flat, true);
        }
        if (types.size() < 2) {
            return new Weights(flat, false);
        }
        Map<String, Double> weights = new HashMap<>();
        for (Map.Entry<String, Double> e : similarity.entrySet()) {
            weights.put(e.getKey(), Math.exp((e.getValue() - best) / TEMPERATURE));
        }
        return new Weights(type -> weights.getOrDefault(type, 1.0), false);
    }
}
