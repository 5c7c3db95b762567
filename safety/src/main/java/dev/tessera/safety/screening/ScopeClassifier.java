package dev.tessera.safety.screening;

import dev.tessera.safety.audit.Auditor;
import dev.tessera.safety.pii.Scripts;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.head.Prediction;
import java.util.List;

/**
 * Is a request legal, medical, finance or out of scope? A nearest-centroid classifier over project-written
 * English and Chinese examples ({@code scope-examples.tsv}), shipped as linear heads: each label's weight row is
 * the unit centroid of its examples times a temperature, so the softmax ranks labels by cosine to their centroid.
 * Text with CJK characters goes to the bge-small-zh-v1.5 centroids (all examples), the rest to the MiniLM int8
 * centroids (the non-CJK examples): on the English examples MiniLM's leave-one-out accuracy is far higher.
 * Simple on purpose: a hundred examples do not support more. {@link ScopeEvaluation} scores it on requests kept out
 * of training. Thread-safe.
 *
 * <p>With an {@link Auditor}, each {@link #classify} or {@link #predict} records one INPUT decision: the deciding
 * head's card name and version, the top label's probability, BLOCK for out of scope, else ALLOW.
 */
public final class ScopeClassifier implements AutoCloseable {

    private final HeadScreen plain;
    private final HeadScreen cjk;
    private final ScreeningEncoders ownedEncoders;

    private ScopeClassifier(HeadScreen plain, HeadScreen cjk, ScreeningEncoders ownedEncoders) {
        this.plain = plain;
        this.cjk = cjk;
        this.ownedEncoders = ownedEncoders;
    }

    /** Loads the shipped heads and their encoders (CPU); closing the classifier closes them. */
    public static ScopeClassifier load() {
        return ScreeningEncoders.withOwnCpuEncoders(
                encoders -> load(encoders, TextNormalizer.defaults(), Auditor.none(), encoders));
    }

    /** Loads the shipped heads on shared encoders, which stay open when the classifier closes. */
    public static ScopeClassifier load(ScreeningEncoders encoders, TextNormalizer normalizer) {
        return load(encoders, normalizer, Auditor.none(), null);
    }

    /** As {@link #load(ScreeningEncoders, TextNormalizer)}, recording every verdict with {@code auditor}. */
    public static ScopeClassifier load(ScreeningEncoders encoders, TextNormalizer normalizer, Auditor auditor) {
        return load(encoders, normalizer, auditor, null);
    }

    private static ScopeClassifier load(ScreeningEncoders encoders, TextNormalizer normalizer, Auditor auditor,
                                        ScreeningEncoders owned) {
        HeadScreen plain = HeadScreen.load(ShippedModels.SCOPE_HEAD, encoders, normalizer, auditor);
        try {
            return new ScopeClassifier(plain,
                    HeadScreen.load(ShippedModels.SCOPE_CJK_HEAD, encoders, normalizer, auditor), owned);
        } catch (RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** The most likely scope; text with nothing visible left after normalisation is out of scope. */
    public Scope classify(String text) {
        long start = System.nanoTime();
        String clean = plain.normalize(text);
        if (clean == null) {
            plain.audit(text, start, 1.0, true);
            return Scope.OUT_OF_SCOPE;
        }
        return Scope.ofLabel(predictNormalized(text, clean, start).topLabel());
    }

    /** Every scope label with its probability, highest first. */
    public Prediction predict(String text) {
        long start = System.nanoTime();
        String clean = plain.normalize(text);
        if (clean == null) {
            throw new InvalidInputException("nothing visible is left of the text after normalisation");
        }
        return predictNormalized(text, clean, start);
    }

    private Prediction predictNormalized(String text, String clean, long start) {
        HeadScreen route = Scripts.containsCjk(clean) ? cjk : plain;
        Prediction p = route.classifyNormalized(List.of(clean)).get(0);
        route.audit(text, start, p.topProbability(), Scope.ofLabel(p.topLabel()) == Scope.OUT_OF_SCOPE);
        return p;
    }

    /** Closes the heads, and the encoders when this classifier loaded them itself. */
    @Override
    public void close() {
        plain.close();
        cjk.close();
        if (ownedEncoders != null) {
            ownedEncoders.close();
        }
    }
}
