package dev.tessera.safety.screening;

import dev.tessera.sdk.InvalidInputException;
import dev.tessera.sdk.head.Prediction;
import java.util.List;

/**
 * Is a request legal, medical, finance or out of scope? A nearest-centroid classifier over project-written
 * English and Chinese examples ({@code scope-examples.tsv}), shipped as linear heads: each label's weight row is
 * the unit centroid of its examples times a temperature, so the softmax ranks labels by cosine to their centroid.
 * Text with CJK characters goes to the bge-small-zh-v1.5 centroids (all examples), the rest to the MiniLM int8
 * centroids (the non-CJK examples): on the English examples MiniLM's leave-one-out accuracy is far higher.
 * Simple on purpose: 80 examples do not support more. Thread-safe.
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
        return ScreeningEncoders.withOwnCpuEncoders(encoders -> load(encoders, TextNormalizer.defaults(), encoders));
    }

    /** Loads the shipped heads on shared encoders, which stay open when the classifier closes. */
    public static ScopeClassifier load(ScreeningEncoders encoders, TextNormalizer normalizer) {
        return load(encoders, normalizer, null);
    }

    private static ScopeClassifier load(ScreeningEncoders encoders, TextNormalizer normalizer,
                                        ScreeningEncoders owned) {
        HeadScreen plain = HeadScreen.load(ShippedModels.SCOPE_HEAD, encoders, normalizer);
        try {
            return new ScopeClassifier(plain, HeadScreen.load(ShippedModels.SCOPE_CJK_HEAD, encoders, normalizer),
                    owned);
        } catch (RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** The most likely scope; text with nothing visible left after normalisation is out of scope. */
    public Scope classify(String text) {
        String clean = plain.normalize(text);
        return clean == null ? Scope.OUT_OF_SCOPE : Scope.ofLabel(predictNormalized(clean).topLabel());
    }

    /** Every scope label with its probability, highest first. */
    public Prediction predict(String text) {
        String clean = plain.normalize(text);
        if (clean == null) {
            throw new InvalidInputException("nothing visible is left of the text after normalisation");
        }
        return predictNormalized(clean);
    }

    private Prediction predictNormalized(String clean) {
        return (Scripts.containsCjk(clean) ? cjk : plain).classifyNormalized(List.of(clean)).get(0);
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
