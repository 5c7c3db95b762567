package dev.tessera.safety.screening;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.pii.Scripts;
import dev.tessera.sdk.ModelLoadException;
import dev.tessera.sdk.encoder.Embedding;
import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.head.OnnxHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Layer 1 prompt-injection and jailbreak screen: a linear head on a sentence encoder. Every input is normalised
 * ({@link TextNormalizer}); the text and each decoded payload are scored and the maximum decides, so an
 * instruction hidden in base64 counts as much as one in plain sight. Segments with CJK characters go to the
 * Chinese-capable route, the rest to the default route (the two may be the same head). Thread-safe.
 *
 * <p>With an {@link Auditor}, each screened text records one INPUT decision: the deciding route's card name and
 * version, the injection probability, BLOCK at or above the threshold, else ALLOW. A batch shares one latency.
 */
public final class InjectionDetector implements AutoCloseable {

    /** Label of the head's positive class. */
    public static final String INJECTION = "injection";
    public static final String BENIGN = "benign";

    private final TextNormalizer normalizer;
    private final Route defaultRoute;
    private final Route cjkRoute;
    private final double threshold;
    private final ScreeningEncoders ownedEncoders;
    private final Auditor auditor;

    InjectionDetector(TextNormalizer normalizer, Route defaultRoute, Route cjkRoute, double threshold,
                      ScreeningEncoders ownedEncoders) {
        this(normalizer, defaultRoute, cjkRoute, threshold, ownedEncoders, Auditor.none());
    }

    private InjectionDetector(TextNormalizer normalizer, Route defaultRoute, Route cjkRoute, double threshold,
                              ScreeningEncoders ownedEncoders, Auditor auditor) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.defaultRoute = Objects.requireNonNull(defaultRoute, "defaultRoute");
        this.cjkRoute = Objects.requireNonNull(cjkRoute, "cjkRoute");
        this.threshold = threshold;
        this.ownedEncoders = ownedEncoders;
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /** Loads the shipped heads and their encoders (CPU); closing the detector closes them. */
    public static InjectionDetector load() {
        return ScreeningEncoders.withOwnCpuEncoders(
                encoders -> load(encoders, TextNormalizer.defaults(), Auditor.none(), encoders, Cost.ACCURATE));
    }

    /** Loads the shipped heads on shared encoders, which stay open when the detector closes. */
    public static InjectionDetector load(ScreeningEncoders encoders, TextNormalizer normalizer) {
        return load(encoders, normalizer, Auditor.none(), Cost.ACCURATE);
    }

    /** As {@link #load(ScreeningEncoders, TextNormalizer)}, recording every verdict with {@code auditor}. */
    public static InjectionDetector load(ScreeningEncoders encoders, TextNormalizer normalizer, Auditor auditor) {
        return load(encoders, normalizer, auditor, Cost.ACCURATE);
    }

    /** As {@link #load(ScreeningEncoders, TextNormalizer, Auditor)}, at the given encoder cost. */
    public static InjectionDetector load(ScreeningEncoders encoders, TextNormalizer normalizer, Auditor auditor,
                                         Cost cost) {
        return load(encoders, normalizer, auditor, null, Objects.requireNonNull(cost, "cost"));
    }

    /** How much encoder work the screen spends on text without CJK characters. */
    public enum Cost {
        /** The shipped route: the MiniLM and bge heads averaged, the best figures (docs/model-cards.md). */
        ACCURATE,
        /**
         * The MiniLM head alone, at the threshold training chose for it: one small encoder pass, about a third of
         * the time on CPU, for test F1 0.888 instead of 0.940 (docs/model-cards.md).
         */
        FAST
    }

    private static InjectionDetector load(ScreeningEncoders encoders, TextNormalizer normalizer, Auditor auditor,
                                          ScreeningEncoders owned, Cost cost) {
        Config config = ShippedModels.json(ShippedModels.INJECTION_CONFIG, Config.class);
        Route cjk = Route.shipped(encoders, config.cjkHead());
        Route def = config.defaultHead().equals(config.cjkHead()) ? cjk : Route.shipped(encoders, config.defaultHead());
        double threshold = config.threshold();
        if (config.defaultPartnerHead() != null && cost == Cost.ACCURATE) {
            def = def.averagedWith(config.defaultPartnerHead().equals(config.cjkHead()) ? cjk
                    : Route.shipped(encoders, config.defaultPartnerHead()));
        } else if (config.defaultPartnerHead() != null) {
            if (config.singleHeadThreshold() == null) {
                throw new ModelLoadException(ShippedModels.INJECTION_CONFIG + " has no singleHeadThreshold for FAST");
            }
            threshold = config.singleHeadThreshold();
        }
        return new InjectionDetector(normalizer, def, cjk, threshold, owned, auditor);
    }

    public double threshold() {
        return threshold;
    }

    /**
     * @throws ScreeningInputTooLargeException when the text is beyond the normaliser's limit
     */
    public InjectionVerdict screen(String text) {
        return screenAll(List.of(text)).get(0);
    }

    /** Screens many texts in batches; the result is in input order. */
    public List<InjectionVerdict> screenAll(List<String> texts) {
        long start = System.nanoTime();
        List<List<String>> segments = new ArrayList<>(texts.size());
        List<String> plain = new ArrayList<>();
        List<String> cjk = new ArrayList<>();
        for (String t : texts) {
            List<String> s = normalizer.normalize(t).segments();
            segments.add(s);
            for (String seg : s) {
                (Scripts.containsCjk(seg) ? cjk : plain).add(seg);
            }
        }
        Scored plainScores = defaultRoute.score(plain);
        Scored cjkScores = cjkRoute.score(cjk);
        int p = 0;
        int c = 0;
        List<InjectionVerdict> out = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            List<String> s = segments.get(t);
            double best = -1;
            int bestSegment = 0;
            boolean truncated = false;
            Route decided = defaultRoute;
            for (int i = 0; i < s.size(); i++) {
                boolean isCjk = Scripts.containsCjk(s.get(i));
                Scored from = isCjk ? cjkScores : plainScores;
                int at = isCjk ? c++ : p++;
                if (from.scores[at] > best) {
                    best = from.scores[at];
                    bestSegment = i;
                    truncated = from.truncated[at];
                    decided = isCjk ? cjkRoute : defaultRoute;
                }
            }
            InjectionVerdict verdict = new InjectionVerdict(best >= threshold, best, threshold, bestSegment, truncated);
            out.add(verdict);
            auditor.record(AuditRecord.Layer.INPUT, texts.get(t), Auditor.since(start),
                    decided.model().decision(verdict.score(), verdict.injection()));
        }
        return out;
    }

    /** Closes the heads, and the encoders when this detector loaded them itself. */
    @Override
    public void close() {
        closeHeads();
        if (ownedEncoders != null) {
            ownedEncoders.close();
        }
    }

    void closeHeads() {
        defaultRoute.closeHeads();
        cjkRoute.closeHeads();
    }

    /**
     * What {@code tessera train safety-heads} ships next to the heads.
     *
     * @param threshold   decision threshold on the injection probability
     * @param defaultHead head file for text without CJK characters
     * @param cjkHead     head file for text with CJK characters (may equal {@code defaultHead})
     * @param encoderRoute human-readable name of the route, for logs and cards
     * @param defaultPartnerHead a second head whose probability is averaged with {@code defaultHead}'s for text
     *                    without CJK characters, or null for none (may equal {@code cjkHead})
     * @param singleHeadThreshold with a partner head: the threshold training chose for {@code defaultHead} alone,
     *                    which {@link Cost#FAST} uses; null otherwise
     */
    public record Config(double threshold, String defaultHead, String cjkHead, String encoderRoute,
                         String defaultPartnerHead, Double singleHeadThreshold) {
    }

    /**
     * One encoder, the head trained on its vectors, and the name audit records give it; optionally a partner route
     * whose probability is averaged with this one's (two encoders see different things; the mean of their heads
     * is steadier than either).
     */
    record Route(SentenceEncoder encoder, OnnxHead head, ModelRef model, Route partner) {

        Route(SentenceEncoder encoder, OnnxHead head) {
            this(encoder, head, ModelRef.unversioned(head), null);
        }

        static Route shipped(ScreeningEncoders encoders, String headFile) {
            ModelRef model = ModelRef.shipped(headFile);
            OnnxHead head = ShippedModels.head(headFile, encoders.options());
            return new Route(encoders.get(head.head().provenance().encoder()), head, model, null);
        }

        /** This route and {@code other}, scoring the mean of their probabilities; audited under both names. */
        Route averagedWith(Route other) {
            if (partner != null || other.partner != null) {
                throw new IllegalArgumentException("only two heads can be averaged");
            }
            return new Route(encoder, head, new ModelRef(model.id() + "+" + other.model.id(), model.version()), other);
        }

        void closeHeads() {
            head.close();
            if (partner != null) {
                partner.head.close();
            }
        }

        Scored score(List<String> texts) {
            Scored own = scoreOwn(texts);
            if (partner == null) {
                return own;
            }
            Scored other = partner.scoreOwn(texts);
            for (int i = 0; i < own.scores.length; i++) {
                own.scores[i] = (own.scores[i] + other.scores[i]) / 2;
                own.truncated[i] |= other.truncated[i];
            }
            return own;
        }

        /** Blank segments (an input of only invisible characters) carry no instruction: they score 0. */
        private Scored scoreOwn(List<String> texts) {
            double[] scores = new double[texts.size()];
            boolean[] truncated = new boolean[texts.size()];
            List<Integer> rows = new ArrayList<>();
            List<String> nonBlank = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                if (!texts.get(i).isBlank()) {
                    rows.add(i);
                    nonBlank.add(texts.get(i));
                }
            }
            if (nonBlank.isEmpty()) {
                return new Scored(scores, truncated);
            }
            List<Embedding> embeddings = encoder.embedAll(nonBlank);
            float[][] vectors = new float[embeddings.size()][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = embeddings.get(i).vector();
            }
            float[][] probs = head.predict(vectors);
            int positive = head.head().labels().indexOf(INJECTION);
            for (int i = 0; i < probs.length; i++) {
                scores[rows.get(i)] = probs[i][positive];
                truncated[rows.get(i)] = embeddings.get(i).truncated();
            }
            return new Scored(scores, truncated);
        }
    }

    record Scored(double[] scores, boolean[] truncated) {
    }
}
