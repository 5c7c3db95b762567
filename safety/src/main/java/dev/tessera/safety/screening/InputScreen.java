package dev.tessera.safety.screening;

import dev.tessera.safety.pii.PiiScanResult;
import dev.tessera.safety.pii.PiiScanner;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.head.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Layer 1 as one call: PII found and replaced, then prompt injection, toxicity and domain scope scored, each screen
 * optional. The screens see the original text (they were trained and measured on it); only the PII scanner's output
 * text goes on to retrieval and answering, so names and numbers never reach a model or a log.
 *
 * <p>Which verdicts block is set here once, so every caller (services, the CLI) blocks on the same evidence:
 * an injection verdict always blocks; toxicity blocks only for the labels given (none by default: the shipped head
 * finds hate with precision 0.36, too low to refuse on); scope blocks when the head gives the accepted scopes less
 * than a floor of probability together (text with nothing visible is out of scope). A floor rather than "the most
 * likely scope must be accepted": questions on company ownership or contracts sit between legal and finance, and
 * the shipped scope head (nearest centroid of 20 examples per label) splits them about evenly. A text that names one
 * of the caller's own subjects ({@link Builder#knownSubjects}) may have a verdict reconsidered: it stays in scope (the
 * head reads "Tell me about Burma." as small talk, but a finance service whose graph holds Burma as a jurisdiction can
 * answer it), and an injection verdict stands only if the text still scores as one with those names replaced (the
 * Chinese head took "请介绍一下黄疸。", tell me about jaundice, for an attack; "请介绍一下它。" scores 0.015).
 *
 * <p>Thread-safe when its screens are (the shipped ones are). The screens audit their own decisions when they were
 * loaded with an auditor.
 */
public final class InputScreen {

    /**
     * Block a request only when the scope head gives its accepted scopes less than 10 %. On project-written questions
     * the head gives an in-domain question 0.21 or more even when it leans to a neighbouring domain ("Who owns
     * Aldermoor Logistics Ltd?": legal 0.77, finance 0.21), and an off-topic one 0.03 or less.
     */
    public static final double DEFAULT_MIN_SCOPE_PROBABILITY = 0.1;

    /** Why a text was blocked: stable codes for clients and metrics, never the text. */
    public enum BlockReason {
        PROMPT_INJECTION("prompt_injection"),
        TOXICITY("toxicity"),
        OUT_OF_SCOPE("out_of_scope");

        private final String code;

        BlockReason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * One text's screening.
     *
     * @param pii       findings and the text with them replaced (the scanner's action)
     * @param injection the injection verdict, when that screen runs
     * @param toxicity  toxicity label probabilities, when that screen runs
     * @param scope     the most likely scope, when that screen runs
     * @param blockedBy the reasons to refuse the text, empty when it may go on
     */
    public record Result(PiiScanResult pii, Optional<InjectionVerdict> injection, Optional<Prediction> toxicity,
                         Optional<Scope> scope, Set<BlockReason> blockedBy) {
        public Result {
            Objects.requireNonNull(pii, "pii");
            Objects.requireNonNull(injection, "injection");
            Objects.requireNonNull(toxicity, "toxicity");
            Objects.requireNonNull(scope, "scope");
            blockedBy = Set.copyOf(blockedBy);
        }

        public boolean blocked() {
            return !blockedBy.isEmpty();
        }
    }

    private final PiiScanner pii;
    private final InjectionDetector injection;
    private final ToxicityClassifier toxicity;
    private final Set<String> blockingToxicityLabels;
    private final ScopeClassifier scope;
    private final Set<Scope> acceptedScopes;
    private final double minScopeProbability;
    private final KnownSubjects knownSubjects;
    private final Set<BlockReason> reconsidered;

    private InputScreen(Builder b) {
        this.pii = b.pii;
        this.injection = b.injection;
        this.toxicity = b.toxicity;
        this.blockingToxicityLabels = b.blockingToxicityLabels;
        this.scope = b.scope;
        this.acceptedScopes = b.acceptedScopes;
        this.minScopeProbability = b.minScopeProbability;
        this.knownSubjects = b.knownSubjects;
        this.reconsidered = b.reconsidered;
    }

    /** @param pii the PII scanner; its action (redact, mask, hash, pseudonymise) decides the output text */
    public static Builder builder(PiiScanner pii) {
        return new Builder(pii);
    }

    /**
     * Screens one text.
     *
     * @throws dev.tessera.sdk.InvalidInputException          when the text is null
     * @throws dev.tessera.safety.pii.PiiInputTooLargeException when it is beyond the PII scanner's byte limit
     * @throws ScreeningInputTooLargeException                when it is beyond the normaliser's limit
     */
    public Result screen(String text) {
        PiiScanResult found = pii.scan(text);
        List<BlockReason> reasons = new ArrayList<>(3);
        boolean visible = !text.isBlank();
        // Asked once, only for a text a screen would block, and only with the PII replaced.
        Supplier<Optional<String>> withoutNames = memoized(() -> visible ? knownSubjects.withoutNames(found.text())
                : Optional.empty());
        Optional<InjectionVerdict> verdict = Optional.empty();
        if (injection != null && visible) {
            verdict = Optional.of(injection.screen(text));
            if (verdict.get().injection() && reconsidered.contains(BlockReason.PROMPT_INJECTION)) {
                Optional<String> rest = withoutNames.get();
                if (rest.isPresent() && !rest.get().isBlank()) {
                    verdict = Optional.of(injection.screen(rest.get()));
                }
            }
            if (verdict.get().injection()) {
                reasons.add(BlockReason.PROMPT_INJECTION);
            }
        }
        Optional<Prediction> toxic = Optional.empty();
        if (toxicity != null && visible) {
            toxic = Optional.of(toxicity.classify(text));
            if (blockingToxicityLabels.contains(toxic.get().topLabel())) {
                reasons.add(BlockReason.TOXICITY);
            }
        }
        Optional<Scope> inScope = Optional.empty();
        if (scope != null) {
            Optional<Prediction> p = visible ? scopeOf(text) : Optional.empty();
            inScope = Optional.of(p.map(x -> Scope.ofLabel(x.topLabel())).orElse(Scope.OUT_OF_SCOPE));
            double accepted = p.isPresent()
                    ? acceptedScopes.stream().mapToDouble(s -> p.get().probability(s.label())).sum()
                    : acceptedScopes.contains(Scope.OUT_OF_SCOPE) ? 1.0 : 0.0;
            if (accepted < minScopeProbability && !(reconsidered.contains(BlockReason.OUT_OF_SCOPE)
                    && withoutNames.get().isPresent())) {
                reasons.add(BlockReason.OUT_OF_SCOPE);
            }
        }
        return new Result(found, verdict, toxic, inScope, Set.copyOf(reasons));
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private boolean known;

            @Override
            public T get() {
                if (!known) {
                    value = supplier.get();
                    known = true;
                }
                return value;
            }
        };
    }

    /** Empty when nothing visible is left of the text after normalisation (only invisible characters). */
    private Optional<Prediction> scopeOf(String text) {
        try {
            return Optional.of(scope.predict(text));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    public static final class Builder {
        private final PiiScanner pii;
        private InjectionDetector injection;
        private ToxicityClassifier toxicity;
        private Set<String> blockingToxicityLabels = Set.of();
        private ScopeClassifier scope;
        private Set<Scope> acceptedScopes = Set.of();
        private double minScopeProbability;
        private KnownSubjects knownSubjects = KnownSubjects.NONE;
        private Set<BlockReason> reconsidered = Set.of();

        private Builder(PiiScanner pii) {
            this.pii = Objects.requireNonNull(pii, "pii");
        }

        /** Scores prompt injection; a verdict at or above the detector's threshold blocks. */
        public Builder injection(InjectionDetector detector) {
            this.injection = Objects.requireNonNull(detector, "detector");
            return this;
        }

        /**
         * Scores toxicity.
         *
         * @param blockingLabels top labels that block (e.g. {@link ToxicityClassifier#HATE}); empty to only report
         */
        public Builder toxicity(ToxicityClassifier classifier, Set<String> blockingLabels) {
            this.toxicity = Objects.requireNonNull(classifier, "classifier");
            for (String label : blockingLabels) {
                if (!ToxicityClassifier.LABELS.contains(label)) {
                    throw new IllegalArgumentException("unknown toxicity label '" + label + "'; the labels are "
                            + String.join(", ", ToxicityClassifier.LABELS));
                }
            }
            this.blockingToxicityLabels = Set.copyOf(blockingLabels);
            return this;
        }

        /**
         * Classifies the request's domain.
         *
         * @param accepted       the scopes that may go on (a service's own domain)
         * @param minProbability the text is blocked when the accepted scopes' probabilities sum to less than this,
         *                       in (0, 1]; 1 blocks unless the head is certain, {@link #DEFAULT_MIN_SCOPE_PROBABILITY}
         *                       blocks only what the head places clearly elsewhere
         */
        public Builder scope(ScopeClassifier classifier, Set<Scope> accepted, double minProbability) {
            if (accepted.isEmpty()) {
                throw new IllegalArgumentException("accepted scopes must not be empty: every request would be blocked");
            }
            if (!(minProbability > 0 && minProbability <= 1)) {
                throw new IllegalArgumentException("minProbability must be in (0, 1], was " + minProbability);
            }
            this.scope = Objects.requireNonNull(classifier, "classifier");
            this.acceptedScopes = Set.copyOf(accepted);
            this.minScopeProbability = minProbability;
            return this;
        }

        /**
         * What the caller knows about (a service: the entities of its knowledge graph), and which verdicts a text that
         * names one of them reconsiders: {@link BlockReason#OUT_OF_SCOPE} keeps it in scope; {@link
         * BlockReason#PROMPT_INJECTION} scores it again with the names replaced ({@link KnownSubjects#withoutNames})
         * and blocks only if that scores as an injection too, so an attack around a name is still one. Asked at most
         * once per text, only when a reconsidered screen would block, with the PII already replaced.
         *
         * @throws IllegalArgumentException for {@link BlockReason#TOXICITY}: a name makes no abuse harmless
         */
        public Builder knownSubjects(KnownSubjects subjects, Set<BlockReason> reconsidered) {
            if (reconsidered.contains(BlockReason.TOXICITY)) {
                throw new IllegalArgumentException("a toxicity verdict is not reconsidered for a named subject");
            }
            this.knownSubjects = Objects.requireNonNull(subjects, "subjects");
            this.reconsidered = Set.copyOf(reconsidered);
            return this;
        }

        public InputScreen build() {
            return new InputScreen(this);
        }
    }
}
