package dev.tessera.service;

import dev.tessera.safety.pii.CodePointSpan;
import dev.tessera.safety.policy.Language;
import dev.tessera.safety.policy.PolicyAction;
import dev.tessera.safety.policy.PolicyDecision;
import dev.tessera.safety.screening.InputScreen;
import dev.tessera.safety.verify.VerificationCheck;
import dev.tessera.safety.verify.VerificationResult;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.graph.EntityDescription;
import dev.tessera.sdk.graph.Evidence;
import dev.tessera.sdk.graph.EvidencePath;
import dev.tessera.sdk.graph.GraphQueryException;
import dev.tessera.sdk.graph.GraphRetriever;
import dev.tessera.sdk.graph.GraphUnavailableException;
import dev.tessera.sdk.graph.LinkedEntity;
import dev.tessera.sdk.graph.PathStep;
import dev.tessera.sdk.graph.RelationshipReading;
import dev.tessera.sdk.head.Prediction;
import dev.tessera.service.Dtos.AskRequest;
import dev.tessera.service.Dtos.AskResponse;
import dev.tessera.service.Dtos.Outcome;
import dev.tessera.service.Dtos.ScreenResponse;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The domain logic behind the REST resources: a question goes through layer 1 (screening), knowledge-graph
 * retrieval, a template answer, layer 2 (domain policy) and layer 3 (verification against the evidence). Only the
 * question with its PII replaced goes on to retrieval. Each layer audits its own decisions under the request's id.
 *
 * <p>Bounded: at most 16 requests run at once per endpoint ({@code BulkheadException}, answered 429) and each has
 * 15 s ({@code TimeoutException}, answered 503).
 */
@ApplicationScoped
public class DomainService {

    private final DomainComponents components;
    private final ServiceConfig config;
    private final AnswerComposer composer;
    private final MeterRegistry meters;

    public DomainService(DomainComponents components, ServiceConfig config, MeterRegistry meters) {
        this.components = components;
        this.config = config;
        this.composer = new AnswerComposer(config.ask().maxFacts());
        this.meters = meters;
    }

    @Bulkhead(16)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public AskResponse ask(AskRequest request, String requestId) {
        String question = request == null ? null : request.question();
        requireText("question", question, config.ask().maxQuestionChars());
        Language language = language(request.language(), question);
        try (RequestIds.Scope ignored = RequestIds.bind(requestId)) {
            InputScreen.Result screening = components.screen().screen(question);
            Dtos.Screening screened = screening(question, screening);
            String domain = components.domain().name();
            if (screening.blocked()) {
                PolicyDecision refusal = components.policy().apply(question,
                        components.policy().policy().refusalFor(codes(screening)).in(language), language);
                return counted(new AskResponse(requestId, domain, code(language), Outcome.REFUSED,
                        refusal.text(), codes(screening), screened, policy(refusal), null, null, null));
            }
            GraphRetriever retriever = components.retriever().orElseThrow(() ->
                    new EvidenceUnavailableException("no knowledge graph is configured (tessera.graph.uri)"));
            String redacted = screening.pii().text();
            Evidence evidence = retriever.evidence(redacted, components.evidenceQuery());
            if (!evidence.isAvailable()) {
                throw new EvidenceUnavailableException("knowledge graph unavailable: " + evidence.reason());
            }
            Grounds grounds = grounds(retriever, evidence, redacted, language);
            AnswerComposer.Composed composed = grounds.composed();
            if (composed.text().isEmpty()) {
                PolicyDecision decided = components.policy().apply(question, noEvidence(language, domain), language);
                return counted(new AskResponse(requestId, domain, code(language), Outcome.NO_EVIDENCE,
                        decided.text(), null, screened, policy(decided), null, null, List.of()));
            }
            PolicyDecision decided = components.policy().apply(question, composed.text(), language);
            if (decided.action() == PolicyAction.REFUSE) {
                return counted(new AskResponse(requestId, domain, code(language), Outcome.REFUSED,
                        decided.text(), null, screened, policy(decided), null, null, grounds.items()));
            }
            VerificationResult verified = components.verifier(language).verify(decided.text(), composed.claims(),
                    grounds.paths(), grounds.passages());
            return counted(new AskResponse(requestId, domain, code(language), Outcome.ANSWERED,
                    verified.text(), null, screened, policy(decided),
                    verified.groundingScore().isPresent() ? verified.groundingScore().getAsDouble() : null,
                    verified.checks().stream().map(DomainService::check).toList(), grounds.items()));
        }
    }

    /**
     * What an answer rests on: the composed answer, the evidence items it cites, and the paths and passages layer 3
     * checks it against.
     */
    private record Grounds(AnswerComposer.Composed composed, List<Dtos.EvidenceItem> items,
                           List<EvidencePath> paths, List<String> passages) {
    }

    /**
     * The answer from the evidence: from the description of the entity the question names, when it names only
     * entities that no path passes through ({@link AnswerComposer#namedWithoutPaths}) and that one has a description;
     * otherwise from the facts of the paths ({@link AnswerComposer#aboutNamed}), opened with the description of the
     * one entity the question names when it asks for no relationship ("Tell me about Hadley v Baxendale.").
     */
    private Grounds grounds(GraphRetriever retriever, Evidence evidence, String question, Language language) {
        Optional<LinkedEntity> unrelated = AnswerComposer.namedWithoutPaths(evidence, question);
        if (unrelated.isPresent()) {
            Optional<EntityDescription> description = describe(retriever, unrelated.get(), true);
            if (description.isPresent()) {
                AnswerComposer.Composed composed = AnswerComposer.described(description.get(), language);
                return new Grounds(composed, List.of(item(description.get(), unrelated.get())), List.of(),
                        AnswerComposer.statements(composed.text()));
            }
        }
        List<String> namedInOrder = evidence.namedOutright(question).stream().map(LinkedEntity::id).toList();
        Set<String> named = Set.copyOf(namedInOrder);
        List<EvidencePath> answerable = AnswerComposer.withoutCoMembers(
                AnswerComposer.aboutNamed(evidence, question), named);
        RelationRelevance.Weights weights = relationWeights(evidence, question, language, answerable, named);
        AnswerComposer.Composed facts = composer.compose(answerable, weights.weight(), language, namedInOrder);
        List<Dtos.EvidenceItem> items = AnswerComposer.sources(facts, evidence.paths()).stream()
                .map(p -> new Dtos.EvidenceItem(p.citation(), p.score(), p.nodeIds())).toList();
        List<String> passages = AnswerComposer.stepStatements(evidence.paths(), language);
        Optional<LinkedEntity> subject = weights.asksForNone() && !facts.text().isEmpty()
                ? AnswerComposer.soleNamed(evidence, question) : Optional.empty();
        Optional<EntityDescription> opening = subject.flatMap(entity -> describe(retriever, entity, false));
        if (opening.isEmpty()) {
            return new Grounds(facts, items, evidence.paths(), passages);
        }
        AnswerComposer.Composed described = AnswerComposer.described(opening.get(), language);
        List<Dtos.EvidenceItem> withDescription = new ArrayList<>(items.size() + 1);
        withDescription.add(item(opening.get(), subject.get()));
        withDescription.addAll(items);
        List<String> withStatements = new ArrayList<>(AnswerComposer.statements(described.text()));
        withStatements.addAll(passages);
        return new Grounds(AnswerComposer.opened(described, facts), withDescription, evidence.paths(),
                withStatements);
    }

    private static Dtos.EvidenceItem item(EntityDescription description, LinkedEntity entity) {
        return new Dtos.EvidenceItem(description.citation(), entity.score(), List.of(description.id()));
    }

    /**
     * The entity's description. When the graph cannot give it now, a request whose answer rests on it ({@code
     * required}) fails as unavailable; otherwise there is none, and the facts already gathered answer without it.
     */
    private static Optional<EntityDescription> describe(GraphRetriever retriever, LinkedEntity entity,
                                                        boolean required) {
        try {
            return retriever.describe(entity.id());
        } catch (GraphUnavailableException | GraphQueryException e) {
            if (required) {
                throw new EvidenceUnavailableException("knowledge graph unavailable: " + e.getMessage());
            }
            return Optional.empty();
        }
    }

    /**
     * Relation weights for the question, read without the names it mentions ("it", "它" in their place) by the
     * encoder of its language, against the relationship types of the entities it names (all the paths' types when it
     * names none): "关于感染科，我应该知道什么？" asks about the specialty's own relationships, not the precautions
     * of the diseases it treats two hops away. A type only further out weighs as little as the least of those, so it
     * never outranks what the question asked for.
     */
    private RelationRelevance.Weights relationWeights(Evidence evidence, String question, Language language,
                                                      List<EvidencePath> paths, Set<String> named) {
        Map<String, RelationshipReading> near = new TreeMap<>();
        Map<String, RelationshipReading> all = new TreeMap<>();
        for (EvidencePath path : paths) {
            for (PathStep step : path.steps()) {
                all.putIfAbsent(step.type(), step.reading());
                if (AnswerComposer.touches(step, named)) {
                    near.putIfAbsent(step.type(), step.reading());
                }
            }
        }
        Map<String, RelationshipReading> types = near.isEmpty() ? all : near;
        String placeholder = language == Language.ZH ? "它" : "it";
        RelationRelevance.Weights weights = components.relationRelevance(language)
                .weigh(evidence.withoutMentions(question, placeholder), types);
        double least = types.keySet().stream().mapToDouble(weights.weight()).min().orElse(1.0);
        return new RelationRelevance.Weights(
                type -> types.containsKey(type) ? weights.weight().applyAsDouble(type) : least, weights.asksForNone());
    }

    @Bulkhead(16)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public ScreenResponse screen(Dtos.ScreenRequest request, String requestId) {
        String text = request == null ? null : request.text();
        requireText("text", text, config.screening().maxTextChars());
        try (RequestIds.Scope ignored = RequestIds.bind(requestId)) {
            InputScreen.Result r = components.screen().screen(text);
            Dtos.Screening s = screening(text, r);
            count("screen", r.blocked() ? "blocked" : "allowed");
            return new ScreenResponse(requestId, r.blocked(), codes(r), s.pii(), r.pii().text(), s.injection(),
                    s.toxicity(), s.scope());
        }
    }

    private AskResponse counted(AskResponse response) {
        count("ask", response.outcome().name().toLowerCase(Locale.ROOT));
        return response;
    }

    private void count(String endpoint, String outcome) {
        meters.counter("tessera.service.requests", "domain", components.domain().name(), "endpoint", endpoint,
                "outcome", outcome).increment();
    }

    private static void requireText(String field, String text, int maxChars) {
        if (text == null) {
            throw new InvalidInputException("'" + field + "' is required: a JSON string");
        }
        if (text.isBlank()) {
            throw new InvalidInputException("'" + field + "' is blank");
        }
        if (text.length() > maxChars) {
            throw new InvalidInputException("'" + field + "' has " + text.length() + " characters; at most "
                    + maxChars + " are accepted");
        }
    }

    private static Language language(String requested, String question) {
        if (requested == null) {
            return Language.detect(question);
        }
        return switch (requested.strip().toLowerCase(Locale.ROOT)) {
            case "en" -> Language.EN;
            case "zh" -> Language.ZH;
            default -> throw new InvalidInputException("'language' must be \"en\" or \"zh\"");
        };
    }

    private static String code(Language language) {
        return language.name().toLowerCase(Locale.ROOT);
    }

    /**
     * What a question the graph holds nothing on is told: it names none of the graph's entities and none reaches the
     * similarity floor (tessera.ask.min-similarity-*), so the nearest entities' facts would answer another question.
     * The policy's {@code no_evidence} says what the graph does hold; a policy without one gets a generic sentence.
     */
    private String noEvidence(Language language, String domain) {
        return components.policy().policy().noEvidence().map(text -> text.in(language)).orElse(language == Language.ZH
                ? "知识图谱中没有找到与该问题相关的事实。"
                : "No facts matching this question were found in the " + domain + " knowledge graph.");
    }

    private static List<String> codes(InputScreen.Result r) {
        return r.blockedBy().stream().sorted().map(InputScreen.BlockReason::code).toList();
    }

    /** Layer 1's verdict on {@code text}; PII spans count code points, as JSON readers index strings. */
    private static Dtos.Screening screening(String text, InputScreen.Result r) {
        List<Dtos.PiiSpan> pii = CodePointSpan.of(text, r.pii().findings()).stream()
                .map(s -> new Dtos.PiiSpan(s.type(), s.start(), s.end())).toList();
        Dtos.Injection injection = r.injection()
                .map(v -> new Dtos.Injection(v.score(), v.threshold(), v.injection())).orElse(null);
        Dtos.Toxicity toxicity = r.toxicity().map(DomainService::toxicity).orElse(null);
        String scope = r.scope().map(s -> s.label()).orElse(null);
        return new Dtos.Screening(pii, injection, toxicity, scope);
    }

    private static Dtos.Toxicity toxicity(Prediction p) {
        Map<String, Double> scores = new LinkedHashMap<>();
        p.scores().forEach(s -> scores.put(s.label(), s.probability()));
        return new Dtos.Toxicity(p.topLabel(), scores);
    }

    private static Dtos.Policy policy(PolicyDecision d) {
        return new Dtos.Policy(d.action().name().toLowerCase(Locale.ROOT), d.firedRules());
    }

    private static Dtos.Check check(VerificationCheck c) {
        return new Dtos.Check(c.kind().name().toLowerCase(Locale.ROOT), c.text(),
                c.verdict().name().toLowerCase(Locale.ROOT), c.score(), c.citation());
    }
}
