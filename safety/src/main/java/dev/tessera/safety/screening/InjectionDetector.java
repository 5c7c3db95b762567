package dev.tessera.safety.screening;

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

    InjectionDetector(TextNormalizer normalizer, Route defaultRoute, Route cjkRoute, double threshold,
                      ScreeningEncoders ownedEncoders) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.defaultRoute = Objects.requireNonNull(defaultRoute, "defaultRoute");
        this.cjkRoute = Objects.requireNonNull(cjkRoute, "cjkRoute");
        this.threshold = threshold;
        this.ownedEncoders = ownedEncoders;
    }

    /** Loads the shipped heads and their encoders (CPU); closing the detector closes them. */
    public static InjectionDetector load() {
        return ScreeningEncoders.withOwnCpuEncoders(encoders -> load(encoders, TextNormalizer.defaults(), encoders));
    }

    /** Loads the shipped heads on shared encoders, which stay open when the detector closes. */
    public static InjectionDetector load(ScreeningEncoders encoders, TextNormalizer normalizer) {
        return load(encoders, normalizer, null);
    }

    private static InjectionDetector load(ScreeningEncoders encoders, TextNormalizer normalizer,
                                          ScreeningEncoders owned) {
        Config config = ShippedModels.json(ShippedModels.INJECTION_CONFIG, Config.class);
        Route def = Route.of(encoders, ShippedModels.head(config.defaultHead(), encoders.options()));
        Route cjk = config.cjkHead().equals(config.defaultHead()) ? def
                : Route.of(encoders, ShippedModels.head(config.cjkHead(), encoders.options()));
        return new InjectionDetector(normalizer, def, cjk, config.threshold(), owned);
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
        for (List<String> s : segments) {
            double best = -1;
            int bestSegment = 0;
            boolean truncated = false;
            for (int i = 0; i < s.size(); i++) {
                boolean isCjk = Scripts.containsCjk(s.get(i));
                Scored from = isCjk ? cjkScores : plainScores;
                int at = isCjk ? c++ : p++;
                if (from.scores[at] > best) {
                    best = from.scores[at];
                    bestSegment = i;
                    truncated = from.truncated[at];
                }
            }
            out.add(new InjectionVerdict(best >= threshold, best, threshold, bestSegment, truncated));
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
        defaultRoute.head().close();
        cjkRoute.head().close();
    }

    /**
     * What {@code tessera train safety-heads} ships next to the heads.
     *
     * @param threshold   decision threshold on the injection probability
     * @param defaultHead head file for text without CJK characters
     * @param cjkHead     head file for text with CJK characters (may equal {@code defaultHead})
     * @param encoderRoute human-readable name of the route, for logs and cards
     */
    public record Config(double threshold, String defaultHead, String cjkHead, String encoderRoute) {
    }

    /** One encoder and the head trained on its vectors. */
    record Route(SentenceEncoder encoder, OnnxHead head) {

        static Route of(ScreeningEncoders encoders, OnnxHead head) {
            return new Route(encoders.get(head.head().provenance().encoder()), head);
        }

        /** Blank segments (an input of only invisible characters) carry no instruction: they score 0. */
        Scored score(List<String> texts) {
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

    private record Scored(double[] scores, boolean[] truncated) {
    }
}
