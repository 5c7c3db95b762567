package dev.tessera.service;

import dev.tessera.safety.audit.AuditSink;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.audit.KafkaAuditSink;
import dev.tessera.safety.audit.LoggingAuditSink;
import dev.tessera.safety.audit.TextFingerprinter;
import dev.tessera.safety.pii.PiiAction;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.safety.policy.DomainPolicy;
import dev.tessera.safety.policy.Language;
import dev.tessera.safety.policy.PolicyEngine;
import dev.tessera.safety.screening.InjectionDetector;
import dev.tessera.safety.screening.InputScreen;
import dev.tessera.safety.screening.Scope;
import dev.tessera.safety.screening.ScopeClassifier;
import dev.tessera.safety.screening.ScreeningEncoders;
import dev.tessera.safety.screening.TextNormalizer;
import dev.tessera.safety.screening.ToxicityClassifier;
import dev.tessera.safety.verify.OutputVerifier;
import dev.tessera.safety.verify.VerificationMode;
import dev.tessera.sdk.encoder.EncoderSpec;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.events.EventTopics;
import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.events.Topics;
import dev.tessera.sdk.graph.EvidenceQuery;
import dev.tessera.sdk.graph.GraphDomain;
import dev.tessera.sdk.graph.GraphRetriever;
import dev.tessera.sdk.graph.GraphSettings;
import dev.tessera.sdk.graph.KnowledgeGraph;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The models, policy, graph connection and audit sink one service runs on, built once at start-up (so the first
 * request does not pay for loading models) and closed at shutdown. Everything here is thread-safe.
 */
@Startup
@ApplicationScoped
public class DomainComponents {

    private static final Logger LOG = LoggerFactory.getLogger(DomainComponents.class);

    /** The encoders the graph loader embeds with (tessera graph load); retrieval must use the same ones. */
    static final String GRAPH_ENGLISH_ENCODER = EncoderSpec.allMiniLmL6V2Quantized().name();
    static final String GRAPH_CHINESE_ENCODER = EncoderSpec.bgeSmallZhV15().name();

    private final GraphDomain domain;
    private final ScreeningEncoders encoders;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final AuditSink auditSink;
    private final Auditor auditor;
    private final InputScreen screen;
    private final PolicyEngine policy;
    private final OutputVerifier verifier;
    private final OutputVerifier chineseVerifier;
    private final KnowledgeGraph graph;
    private final GraphRetriever retriever;
    private final RelationRelevance englishRelevance;
    private final RelationRelevance chineseRelevance;
    private final EvidenceQuery evidenceQuery;

    public DomainComponents(ServiceConfig config) {
        SettingNames.rejectUnknown(System.getenv());
        if (!DomainPolicy.BUNDLED.contains(config.domain())) {
            throw new IllegalArgumentException("tessera.domain must be one of " + DomainPolicy.BUNDLED + ", not '"
                    + config.domain() + "'");
        }
        this.domain = GraphDomain.of(config.domain());
        this.evidenceQuery = evidenceQuery(config.ask());
        this.auditSink = auditSink(config);
        this.auditor = Auditor.builder(auditSink, fingerprinter(config.audit())).requestId(RequestIds::current).build();
        this.encoders = ScreeningEncoders.cpu();
        try {
            SentenceEncoder english = encoders.get(GRAPH_ENGLISH_ENCODER);
            SentenceEncoder chinese = encoders.get(GRAPH_CHINESE_ENCODER);
            if (config.graph().uri().isPresent()) {
                this.graph = own(KnowledgeGraph.connect(graphSettings(config.graph())));
                this.retriever = GraphRetriever.builder(graph, domain, english, chinese).build();
            } else {
                LOG.warn("tessera.graph.uri is not set: /v1/ask answers 503 until the service runs with a graph");
                this.graph = null;
                this.retriever = null;
            }
            GraphSubjects subjects = retriever == null ? null : new GraphSubjects(retriever, auditor);
            PiiScanner.Builder pii = PiiScanner.builder().action(PiiAction.REDACT).auditor(auditor);
            if (subjects != null && config.screening().piiGraphNames()) {
                pii.exemption(subjects);
            }
            TextNormalizer normalizer = TextNormalizer.defaults();
            InputScreen.Builder screening = InputScreen.builder(pii.build())
                    .injection(own(InjectionDetector.load(encoders, normalizer, auditor)))
                    .toxicity(own(ToxicityClassifier.load(encoders, normalizer, auditor)),
                            config.screening().blockToxicity().orElse(Set.of()));
            if (config.screening().scopeCheck()) {
                screening.scope(own(ScopeClassifier.load(encoders, normalizer, auditor)),
                        Set.of(Scope.valueOf(config.domain().toUpperCase(Locale.ROOT))),
                        config.screening().scopeMinProbability());
            }
            Set<InputScreen.BlockReason> reconsidered = EnumSet.noneOf(InputScreen.BlockReason.class);
            if (config.screening().scopeGraphNames()) {
                reconsidered.add(InputScreen.BlockReason.OUT_OF_SCOPE);
            }
            if (config.screening().injectionGraphNames()) {
                reconsidered.add(InputScreen.BlockReason.PROMPT_INJECTION);
            }
            if (subjects != null && !reconsidered.isEmpty()) {
                screening.knownSubjects(subjects, reconsidered);
            }
            this.screen = screening.build();
            this.policy = new PolicyEngine(DomainPolicy.bundled(config.domain()), auditor);
            this.verifier = OutputVerifier.builder(english).mode(VerificationMode.FLAG).auditor(auditor).build();
            this.chineseVerifier = OutputVerifier.builder(chinese)
                    .threshold(OutputVerifier.BGE_SMALL_ZH_THRESHOLD).marker(OutputVerifier.CHINESE_MARKER)
                    .mode(VerificationMode.FLAG).auditor(auditor).build();
            this.englishRelevance = RelationRelevance.english(english);
            this.chineseRelevance = RelationRelevance.chinese(chinese);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Tessera {} service ready: models loaded, audit to {}", domain.name(),
                auditSink instanceof KafkaAuditSink ? EventTopics.SAFETY_AUDIT : "the log");
    }

    /**
     * Facts to choose an answer's from: enough that the relation a question asks about is among them, though the
     * graph's path order (shortest, then by node id) would put other relations first.
     */
    static final int CANDIDATE_PATHS = 20;

    /** What one question links and expands: checked here, so a bad setting stops the start, not a request. */
    private static EvidenceQuery evidenceQuery(ServiceConfig.Ask ask) {
        double english = ask.minSimilarityEn().orElse(EvidenceQuery.RECOMMENDED_MIN_SIMILARITY_ENGLISH);
        double chinese = ask.minSimilarityZh().orElse(EvidenceQuery.RECOMMENDED_MIN_SIMILARITY_CHINESE);
        try {
            return EvidenceQuery.defaults().withK(ask.linkedEntities()).withMaxPaths(CANDIDATE_PATHS)
                    .withMinSimilarity(english, chinese);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tessera.ask.linked-entities, min-similarity-en or min-similarity-zh: "
                    + e.getMessage(), e);
        }
    }

    private <T extends AutoCloseable> T own(T closeable) {
        owned.add(closeable);
        return closeable;
    }

    private static AuditSink auditSink(ServiceConfig config) {
        Optional<String> bootstrap = config.audit().kafkaBootstrap().filter(s -> !s.isBlank());
        if (bootstrap.isEmpty()) {
            return new LoggingAuditSink();
        }
        KafkaSettings kafka = KafkaSettings.builder(bootstrap.get()).clientId("tessera-" + config.domain())
                .propertiesFromEnvironment(KafkaSettings.ENVIRONMENT_PREFIX, System.getenv()).build();
        Topics.ensure(kafka, config.audit().topicPartitions(), config.audit().topicReplicationFactor(),
                List.of(EventTopics.SAFETY_AUDIT));
        return KafkaAuditSink.builder(kafka).source("/tessera/" + config.domain()).build();
    }

    private static TextFingerprinter fingerprinter(ServiceConfig.Audit audit) {
        if (audit.fingerprintKey().isPresent()) {
            return new TextFingerprinter(audit.fingerprintKeyId(),
                    audit.fingerprintKey().get().getBytes(StandardCharsets.UTF_8));
        }
        LOG.warn("tessera.audit.fingerprint-key is not set: audit fingerprints use a random key of this process, "
                + "so they cannot be matched across restarts or replicas");
        byte[] key = new byte[TextFingerprinter.MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new TextFingerprinter("random-per-process", key);
    }

    private static GraphSettings graphSettings(ServiceConfig.Graph g) {
        GraphSettings.Builder b = GraphSettings.builder(g.uri().orElseThrow().toString())
                .database(g.database())
                .queryTimeout(g.queryTimeout());
        g.password().ifPresent(password -> b.credentials(g.user(), password));
        return b.build();
    }

    public GraphDomain domain() {
        return domain;
    }

    public InputScreen screen() {
        return screen;
    }

    public PolicyEngine policy() {
        return policy;
    }

    /** Layer 3 for answers in {@code language}: each language's sentences are read by its own encoder. */
    public OutputVerifier verifier(Language language) {
        return language == Language.ZH ? chineseVerifier : verifier;
    }

    /** Weighs relationship types by a question in {@code language}, for the answer's choice of facts. */
    public RelationRelevance relationRelevance(Language language) {
        return language == Language.ZH ? chineseRelevance : englishRelevance;
    }

    /** Empty when no graph is configured. */
    public Optional<GraphRetriever> retriever() {
        return Optional.ofNullable(retriever);
    }

    /** What one question links and expands (tessera.ask.*). */
    public EvidenceQuery evidenceQuery() {
        return evidenceQuery;
    }

    /** Empty when no graph is configured. */
    public Optional<KnowledgeGraph> graph() {
        return Optional.ofNullable(graph);
    }

    @PreDestroy
    void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", owned.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        owned.clear();
        encoders.close();
        if (auditSink instanceof KafkaAuditSink kafka) {
            kafka.close();
        }
    }
}
