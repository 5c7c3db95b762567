package dev.tessera.service;

import dev.tessera.safety.policy.Language;
import dev.tessera.safety.verify.Claim;
import dev.tessera.safety.verify.SentenceSplitter;
import dev.tessera.sdk.graph.EntityDescription;
import dev.tessera.sdk.graph.Evidence;
import dev.tessera.sdk.graph.EvidencePath;
import dev.tessera.sdk.graph.LinkedEntity;
import dev.tessera.sdk.graph.PathStep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Builds a template answer from graph evidence: one sentence per distinct fact, best path first, each fact also
 * returned as a structured {@link Claim} so layer 3 can check it exactly. No model writes the text, so every
 * sentence states a stored relationship; the checks prove it rather than assume it.
 *
 * <p>A sentence is its relationship type's reading as the graph declares it ({@link PathStep#englishSentence()}, "
 * Symptoms of Malaria include Fever."), and in a Chinese answer its Chinese reading with the nodes' Chinese names
 * ("疟疾的症状包括发热。"); a type the graph gives no Chinese reading is stated in English there rather than not at all.
 * Claims name the nodes in English whatever the answer's language: they are the structured record of the facts.
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

    /** The English answer for these paths (best first); empty text and no claims when there are none. */
    public Composed compose(List<EvidencePath> paths) {
        return compose(paths, type -> 1.0, Language.EN);
    }

    /**
     * The answer for these paths, each distinct fact scored by its best path's score times the weight of its
     * relationship type ({@link RelationRelevance}); the best {@code maxFacts} facts are stated, best first, ties in
     * path order.
     */
    public Composed compose(List<EvidencePath> paths, ToDoubleFunction<String> relationWeight, Language language) {
        return compose(paths, relationWeight, language, List.of());
    }

    /**
     * As {@link #compose(List, ToDoubleFunction, Language)}, sharing the facts among the entities the question
     * names when it names two or more that facts touch ("What is the difference between a cold and the flu?"): they
     * take turns, best fact first, and the answer states each one's facts together, in the order {@code named}
     * gives them; facts that touch none of them come after.
     *
     * @param named ids of the entities the question names outright, in {@link Evidence#namedOutright} order
     */
    public Composed compose(List<EvidencePath> paths, ToDoubleFunction<String> relationWeight, Language language,
                            List<String> named) {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(named, "named");
        Map<Claim, Double> facts = new LinkedHashMap<>();
        Map<Claim, PathStep> stating = new HashMap<>();
        for (EvidencePath path : paths) {
            for (PathStep step : path.steps()) {
                double score = path.score() * relationWeight.applyAsDouble(step.type());
                Claim fact = claim(step);
                facts.merge(fact, score, Math::max);
                stating.putIfAbsent(fact, step);
            }
        }
        List<Claim> ranked = facts.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<Claim, Double> e) -> -e.getValue()))
                .map(Map.Entry::getKey).toList();
        List<Claim> chosen = shared(ranked, stating, named);
        List<String> sentences = new ArrayList<>(chosen.size());
        for (Claim fact : chosen) {
            sentences.add(sentence(stating.get(fact), language));
        }
        return new Composed(String.join(language == Language.ZH ? "" : " ", sentences), chosen);
    }

    /** The best {@code maxFacts} of the ranked facts, taken in turns by the named entities they touch. */
    private List<Claim> shared(List<Claim> ranked, Map<Claim, PathStep> stating, List<String> named) {
        Map<String, List<Claim>> byNamed = new LinkedHashMap<>();
        named.forEach(id -> byNamed.put(id, new ArrayList<>()));
        List<Claim> others = new ArrayList<>();
        for (Claim fact : ranked) {
            PathStep step = stating.get(fact);
            named.stream().filter(id -> id.equals(step.from().id()) || id.equals(step.to().id())).findFirst()
                    .ifPresentOrElse(id -> byNamed.get(id).add(fact), () -> others.add(fact));
        }
        if (byNamed.values().stream().filter(f -> !f.isEmpty()).count() < 2) {
            return ranked.stream().limit(maxFacts).toList();
        }
        Map<String, Integer> taken = new LinkedHashMap<>();
        named.forEach(id -> taken.put(id, 0));
        int total = 0;
        for (boolean more = true; more && total < maxFacts; ) {
            more = false;
            for (String id : named) {
                if (total < maxFacts && taken.get(id) < byNamed.get(id).size()) {
                    taken.merge(id, 1, Integer::sum);
                    total++;
                    more = true;
                }
            }
        }
        List<Claim> chosen = new ArrayList<>(maxFacts);
        named.forEach(id -> chosen.addAll(byNamed.get(id).subList(0, taken.get(id))));
        others.stream().limit(maxFacts - total).forEach(chosen::add);
        return chosen;
    }

    /** The step's fact as a sentence of the answer's language, with its full stop. */
    static String sentence(PathStep step, Language language) {
        if (language == Language.ZH) {
            Optional<String> chinese = step.chineseSentence();
            if (chinese.isPresent()) {
                return chinese.get() + "。";
            }
        }
        return step.englishSentence() + ".";
    }

    /**
     * The paths to answer from: those through an entity the question names outright ({@link
     * Evidence#namedOutright}), when it names one that some path passes through; otherwise all of them. A question
     * about Aldermoor Logistics Ltd is answered with facts about it and its group, not those of Cobbleford Logistics
     * Ltd, which the searches link too for sharing a word. A question that names only entities no path passes through
     * is answered from the best one's description first ({@link #namedWithoutPaths}); these paths serve it only when
     * that entity has none.
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

    /**
     * The paths without the facts of what merely shares a node with a named entity by the same relationship. From
     * Venezuela the walk goes on to the FATF grey list and back out to Algeria: "Algeria is on the FATF list ..." is
     * a fact about Algeria, and with 24 members such facts filled the answer to "Is Venezuela a high-risk
     * jurisdiction?". A step goes when it touches no named entity and the step beside it, of the same type walked
     * the other way, touches one. Chains keep every step ("A owns B, B owns C" walks both the same way), and a
     * question that names nothing keeps every path.
     *
     * @param named ids of the entities the question names outright ({@link Evidence#namedOutright})
     */
    static List<EvidencePath> withoutCoMembers(List<EvidencePath> paths, Set<String> named) {
        if (named.isEmpty()) {
            return paths;
        }
        List<EvidencePath> kept = new ArrayList<>(paths.size());
        for (EvidencePath path : paths) {
            // What stays is the run of steps between co-member steps that holds a named entity's step, so the
            // walk stays one walk; past a co-member it is about the co-member.
            List<PathStep> steps = path.steps();
            boolean[] coMember = new boolean[steps.size()];
            boolean any = false;
            for (int i = 0; i < steps.size(); i++) {
                coMember[i] = coMember(steps, i, named);
                any |= coMember[i];
            }
            if (!any) {
                kept.add(path);
                continue;
            }
            List<PathStep> run = new ArrayList<>(steps.size());
            List<PathStep> own = List.of();
            for (int i = 0; i <= steps.size(); i++) {
                if (i == steps.size() || coMember[i]) {
                    if (own.isEmpty() && run.stream().anyMatch(step -> touches(step, named))) {
                        own = List.copyOf(run);
                    }
                    run.clear();
                } else {
                    run.add(steps.get(i));
                }
            }
            if (!own.isEmpty()) {
                kept.add(new EvidencePath(own, path.score()));
            }
        }
        return kept;
    }

    private static boolean coMember(List<PathStep> steps, int i, Set<String> named) {
        PathStep step = steps.get(i);
        if (touches(step, named)) {
            return false;
        }
        for (int j = i - 1; j <= i + 1; j += 2) {
            if (j >= 0 && j < steps.size()) {
                PathStep beside = steps.get(j);
                if (beside.type().equals(step.type()) && beside.direction() != step.direction()
                        && touches(beside, named)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the step starts or ends at one of {@code ids}. */
    static boolean touches(PathStep step, Set<String> ids) {
        return ids.contains(step.from().id()) || ids.contains(step.to().id());
    }

    /**
     * The entity to answer about from its description: the best one the question names outright, when it names some
     * and no path passes through any of them. "Is Syria on the FATF list?" names a jurisdiction the graph relates to
     * nothing; the paths of the entities linked for sharing a word or a meaning with the question would answer
     * another one. Empty when the question names none, or a path passes through one.
     *
     * @param question the text the evidence was linked from
     */
    static Optional<LinkedEntity> namedWithoutPaths(Evidence evidence, String question) {
        List<LinkedEntity> named = evidence.namedOutright(question);
        Set<String> ids = named.stream().map(LinkedEntity::id).collect(Collectors.toSet());
        boolean through = evidence.paths().stream().anyMatch(p -> p.nodeIds().stream().anyMatch(ids::contains));
        return named.isEmpty() || through ? Optional.empty() : Optional.of(named.get(0));
    }

    /**
     * The answer from an entity's description as the graph stores it: "Syria: Listed by FATF as a jurisdiction under
     * increased monitoring (as of October 2024)."; in a Chinese answer its Chinese name and Chinese description,
     * "叙利亚：……", or the English ones where the graph gives no Chinese description, as a relationship without a
     * Chinese reading is stated in English ({@link #sentence}). It states no relationship, so it makes no claim; its
     * sentences are checked against the description ({@link #statements}).
     */
    static Composed described(EntityDescription entity, Language language) {
        if (language == Language.ZH && entity.statedInChinese()) {
            return new Composed(entity.chineseName() + "：" + ended(entity.descriptionZh().strip(), "。"), List.of());
        }
        return new Composed(entity.name() + ": " + ended(entity.description().strip(), "."), List.of());
    }

    private static String ended(String text, String fullStop) {
        boolean ended = text.endsWith(".") || text.endsWith("!") || text.endsWith("?") || text.endsWith("。")
                || text.endsWith("！") || text.endsWith("？");
        return ended ? text : text + fullStop;
    }

    /**
     * The one entity the question names outright, for an answer that opens with what it is; empty when it names none
     * or several ("Is influenza worse than a cold?" is about neither alone).
     *
     * @param question the text the evidence was linked from
     */
    static Optional<LinkedEntity> soleNamed(Evidence evidence, String question) {
        List<LinkedEntity> named = evidence.namedOutright(question);
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /**
     * The facts opened with a description ({@link #described}): its text first, then the facts' (a space between,
     * unless the description ends with a Chinese full stop), and the facts' claims alone.
     */
    static Composed opened(Composed description, Composed facts) {
        String gap = description.text().endsWith("。") ? "" : " ";
        return new Composed(description.text() + gap + facts.text(), facts.claims());
    }

    /** The sentences of a text, each one passage: the passages of an answer that is a stored description. */
    static List<String> statements(String text) {
        return SentenceSplitter.split(text).stream().map(span -> span.text(text).strip())
                .filter(sentence -> !sentence.isEmpty()).toList();
    }

    /** The fact a step states, the way the relationship is stored (a path may walk it backwards). */
    static Claim claim(PathStep step) {
        return new Claim(step.subject().name(), step.type(), step.object().name());
    }

    /**
     * The passages a composed sentence is scored against: each relationship of the paths stated as the answer states
     * it ({@link #sentence}), once, in path order. A sentence states one relationship, so it is checked against that
     * relationship alone: the citation of a two-step path reads further from it than the step (0.60 against 0.80 for
     * "Cobbleford Trading Ltd owns Cobbleford Logistics Ltd."), and the arrow notation of a one-step citation further
     * than its words: 51 of the shipped graphs' 1,352 relationships, stated as "X involves concept Y.", scored under
     * 0.65 against their own citation (25 of 97 INVOLVES_CONCEPT, 18 of 63 MITIGATED_BY), so answers flagged facts the
     * claim check had verified. A template sentence now matches its passage; text a policy or a model wrote is scored
     * against the same statements of the evidence, in the answer's language and by its language's encoder.
     */
    static List<String> stepStatements(List<EvidencePath> paths, Language language) {
        Set<String> statements = new LinkedHashSet<>();
        for (EvidencePath path : paths) {
            for (PathStep step : path.steps()) {
                statements.add(sentence(step, language));
            }
        }
        return List.copyOf(statements);
    }

    /** The paths that state at least one of the composed answer's facts, in their order: the answer's sources. */
    static List<EvidencePath> sources(Composed answer, List<EvidencePath> paths) {
        Set<Claim> stated = Set.copyOf(answer.claims());
        return paths.stream().filter(p -> p.steps().stream().anyMatch(step -> stated.contains(claim(step)))).toList();
    }
}
