package dev.tessera.safety.verify;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.verify.VerificationCheck.Kind;
import dev.tessera.safety.verify.VerificationCheck.Verdict;
import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.graph.EvidencePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Layer 3: checks every factual statement of an answer against the evidence that produced it.
 *
 * <p>Structured claims are matched exactly against graph facts ({@link ClaimMatcher}). Free text is split into
 * sentences; each is embedded with the same encoder as the evidence passages, and its score is the highest cosine
 * to any passage. Sentences below the threshold are removed or flagged. Disclaimers and emergency messages are
 * skipped: they are added by policy, not drawn from evidence, and must never be removed.
 *
 * <p>With an {@link Builder#auditor}, every {@code verify} records one OUTPUT decision per check on the answer,
 * skipped sentences aside: rule {@value #AUDIT_GROUNDING} (version = the encoder's model name, score = the cosine)
 * or {@value #AUDIT_CLAIM} (score 1 or 0). A supported check is ALLOW; an unsupported sentence is REDACT when
 * removed, REWRITE when flagged; an unsupported claim is ALLOW with score 0, since the verifier only reports it and
 * the caller decides.
 *
 * <p>Thread-safe when the encoder is; it holds no state between calls.
 */
public final class OutputVerifier {

    /**
     * Measured with all-MiniLM-L6-v2 (quantized) on the project-written set in {@code OutputVerifierTest}: six
     * paraphrases of evidence passages scored 0.70 to 0.86, six invented sentences on the same topics 0.10 to 0.58.
     * The invented sentences that reuse the passage's entity ("Malaria can be cured by ...") score highest, so the
     * gap is narrow; 0.65 is near its middle. Another encoder needs its own measurement.
     */
    public static final double DEFAULT_THRESHOLD = 0.65;

    /**
     * The threshold for bge-small-zh-v1.5, the Chinese encoder, measured on {@code ChineseGroundingTest}'s set (the
     * English one written in Chinese, plus two facts in the services' Chinese wording): eight paraphrases scored 0.82
     * to 0.94, seven invented sentences 0.41 to 0.78. As in English, the inventions that reuse a passage's entity
     * ("偏头痛是由童年时期缺乏维生素C引起的。", 0.78) score highest, and 0.80 sits in a gap as narrow.
     */
    public static final double BGE_SMALL_ZH_THRESHOLD = 0.80;

    public static final String DEFAULT_MARKER = " [unverified]";
    /** The marker for answers in Chinese. */
    public static final String CHINESE_MARKER = "［未经核实］";

    /** Rule ids of the audit records. */
    public static final String AUDIT_GROUNDING = "verify.grounding";
    public static final String AUDIT_CLAIM = "verify.claim";

    /**
     * Leading words of the disclaimers and emergency messages the domain policies append (see
     * {@code policies/*.yaml}), plus common model-written ones. Matched at the start of a sentence, ignoring case.
     */
    public static final List<Pattern> DEFAULT_SKIP = List.of(
            prefix("disclaimer"),
            prefix("urgent:"),
            prefix("this information is general"),
            prefix("this is general"),
            prefix("this is not (medical|legal|financial|investment) advice"),
            prefix("(please )?consult (a|an|your) "),
            prefix("consider your own circumstances"),
            prefix("laws differ by jurisdiction"),
            prefix("(if (this|you think this) is an emergency|in an emergency)"),
            prefix("(call|dial) (your local emergency|911|999|112|988)"),
            prefix("if you are thinking about suicide"),
            prefix("免责声明"),
            prefix("紧急提示"),
            prefix("以上(内容|信息)"),
            prefix("请(立即)?拨打"),
            prefix("请(结合|就|在)"),
            prefix("如果您有自杀"),
            prefix("各地法律不同"));

    private final SentenceEncoder encoder;
    private final double threshold;
    private final VerificationMode mode;
    private final String marker;
    private final List<Pattern> skip;
    private final Auditor auditor;

    private OutputVerifier(Builder b) {
        this.encoder = b.encoder;
        this.threshold = b.threshold;
        this.mode = b.mode;
        this.marker = b.marker;
        this.skip = List.copyOf(b.skip);
        this.auditor = b.auditor;
        if (auditor.enabled()) {
            Auditor.requireIdentifier("encoder model name", encoder.modelName());
        }
    }

    public static Builder builder(SentenceEncoder encoder) {
        return new Builder(encoder);
    }

    public double threshold() {
        return threshold;
    }

    public VerificationMode mode() {
        return mode;
    }

    /**
     * Verifies an answer.
     *
     * @param answer   the model's answer text
     * @param claims   structured facts the answer asserts; may be empty
     * @param paths    the evidence paths the answer was generated from
     * @param passages evidence texts sentences are scored against (path citations, source paragraphs); when empty,
     *                 every checked sentence is unsupported
     * @throws EmptyAnswerException when the answer has no sentence
     */
    public VerificationResult verify(String answer, List<Claim> claims, List<EvidencePath> paths,
                                     List<String> passages) {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(passages, "passages");
        long start = System.nanoTime();
        List<SentenceSplitter.Span> spans = SentenceSplitter.split(answer);
        if (spans.isEmpty()) {
            throw new EmptyAnswerException();
        }

        List<VerificationCheck> checks = new ArrayList<>(spans.size() + claims.size());
        List<Integer> scoredIdx = new ArrayList<>();
        List<String> scoredText = new ArrayList<>();
        for (SentenceSplitter.Span span : spans) {
            String sentence = span.text(answer);
            if (skipped(sentence)) {
                checks.add(new VerificationCheck(Kind.SENTENCE, sentence, Verdict.SKIPPED, 0, "", ""));
            } else {
                scoredIdx.add(checks.size());
                scoredText.add(sentence);
                checks.add(null);
            }
        }
        scoreSentences(scoredIdx, scoredText, passages, checks);
        for (Claim claim : claims) {
            checks.add(check(claim, paths));
        }
        OptionalDouble grounding = scoredIdx.stream().mapToDouble(i -> checks.get(i).score()).average();
        VerificationResult result = new VerificationResult(grounding, checks, rebuild(answer, spans, checks), mode);
        if (auditor.enabled()) {
            auditor.record(AuditRecord.Layer.OUTPUT, answer, Auditor.since(start), decisions(checks));
        }
        return result;
    }

    private List<Auditor.Decision> decisions(List<VerificationCheck> checks) {
        AuditRecord.Action unsupportedSentence = mode == VerificationMode.REMOVE ? AuditRecord.Action.REDACT
                : AuditRecord.Action.REWRITE;
        List<Auditor.Decision> out = new ArrayList<>(checks.size());
        for (VerificationCheck c : checks) {
            if (c.verdict() == Verdict.SKIPPED) {
                continue;
            }
            boolean sentence = c.kind() == Kind.SENTENCE;
            AuditRecord.Action action = sentence && !c.supported() ? unsupportedSentence : AuditRecord.Action.ALLOW;
            out.add(sentence ? new Auditor.Decision(AUDIT_GROUNDING, encoder.modelName(), c.score(), action)
                    : new Auditor.Decision(AUDIT_CLAIM, "-", c.score(), action));
        }
        return out;
    }

    /** One encoder call for sentences and passages together, so both sides share a batch plan. */
    private void scoreSentences(List<Integer> idx, List<String> sentences, List<String> passages,
                                List<VerificationCheck> checks) {
        if (sentences.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(sentences);
        texts.addAll(passages);
        List<Embedding> vectors = encoder.embedAll(texts);
        for (int s = 0; s < sentences.size(); s++) {
            double best = 0;
            int bestPassage = -1;
            for (int p = 0; p < passages.size(); p++) {
                double cos = vectors.get(s).cosine(vectors.get(sentences.size() + p));
                if (bestPassage < 0 || cos > best) {
                    best = cos;
                    bestPassage = p;
                }
            }
            boolean ok = bestPassage >= 0 && best >= threshold;
            String citation = bestPassage < 0 ? "" : passages.get(bestPassage);
            checks.set(idx.get(s), new VerificationCheck(Kind.SENTENCE, sentences.get(s),
                    ok ? Verdict.SUPPORTED : Verdict.UNSUPPORTED, best, citation, ""));
        }
    }

    private static VerificationCheck check(Claim claim, List<EvidencePath> paths) {
        Optional<ClaimSupport> support = ClaimMatcher.find(claim, paths);
        return support
                .map(s -> new VerificationCheck(Kind.CLAIM, claim.toString(), Verdict.SUPPORTED, 1, s.citation(),
                        s.source()))
                .orElseGet(() -> new VerificationCheck(Kind.CLAIM, claim.toString(), Verdict.UNSUPPORTED, 0, "", ""));
    }

    private boolean skipped(String sentence) {
        return skip.stream().anyMatch(p -> p.matcher(sentence).lookingAt());
    }

    /** Copies the answer, keeping the text between sentences (spaces, line breaks, bullets) as written. */
    private String rebuild(String answer, List<SentenceSplitter.Span> spans, List<VerificationCheck> checks) {
        StringBuilder out = new StringBuilder(answer.length());
        int copied = 0;
        for (int i = 0; i < spans.size(); i++) {
            SentenceSplitter.Span span = spans.get(i);
            if (checks.get(i).verdict() != Verdict.UNSUPPORTED) {
                continue;
            }
            if (mode == VerificationMode.FLAG) {
                out.append(answer, copied, span.bodyEnd()).append(marker);
                copied = span.bodyEnd();
            } else {
                out.append(answer, copied, span.start());
                copied = skipSpace(answer, span.end());
            }
        }
        out.append(answer, copied, answer.length());
        return out.toString().strip();
    }

    /** After a removed sentence, drop the spaces that separated it from the next one, but keep line breaks. */
    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** A case-insensitive regex anchored at the sentence start, tolerant of a leading bullet or quote. */
    private static Pattern prefix(String regex) {
        return Pattern.compile("[-*•>\"“(\\s]*(?:" + regex + ")", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public static final class Builder {

        private final SentenceEncoder encoder;
        private double threshold = DEFAULT_THRESHOLD;
        private VerificationMode mode = VerificationMode.REMOVE;
        private String marker = DEFAULT_MARKER;
        private final List<Pattern> skip = new ArrayList<>(DEFAULT_SKIP);
        private Auditor auditor = Auditor.none();

        private Builder(SentenceEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
        }

        /** Cosine a sentence needs to a passage to count as supported; in [-1, 1]. */
        public Builder threshold(double value) {
            if (Double.isNaN(value) || value < -1 || value > 1) {
                throw new IllegalArgumentException("threshold must be in [-1, 1]: " + value);
            }
            this.threshold = value;
            return this;
        }

        public Builder mode(VerificationMode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /** Text put before a flagged sentence's closing punctuation in {@link VerificationMode#FLAG}. */
        public Builder marker(String value) {
            this.marker = Objects.requireNonNull(value, "marker");
            return this;
        }

        /** Adds a literal sentence start to skip, e.g. a domain's own disclaimer opening; case-insensitive. */
        public Builder skipPrefix(String text) {
            skip.add(prefix(Pattern.quote(Objects.requireNonNull(text, "text"))));
            return this;
        }

        /** Adds a pattern; a sentence is skipped when it matches from its first character ({@code lookingAt}). */
        public Builder skipPattern(Pattern pattern) {
            skip.add(Objects.requireNonNull(pattern, "pattern"));
            return this;
        }

        /** Drops every skip rule, the defaults included, so each sentence is scored. */
        public Builder clearSkips() {
            skip.clear();
            return this;
        }

        /** Records each check (default {@link Auditor#none()}); the encoder's model name must be an identifier. */
        public Builder auditor(Auditor value) {
            this.auditor = Objects.requireNonNull(value, "auditor");
            return this;
        }

        public OutputVerifier build() {
            return new OutputVerifier(this);
        }
    }
}
