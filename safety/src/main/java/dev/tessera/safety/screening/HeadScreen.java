package dev.tessera.safety.screening;

import dev.tessera.sdk.encoder.SentenceEncoder;
import dev.tessera.sdk.head.EncoderHeadClassifier;
import dev.tessera.sdk.head.OnnxHead;
import dev.tessera.sdk.head.Prediction;
import java.util.List;

/**
 * A shipped head on its encoder, fed normalised text: the shared core of the toxicity and scope screens. Blank
 * text (nothing left after normalisation) is not sent to the encoder; callers decide what it means. The encoders
 * belong to the caller.
 */
final class HeadScreen implements AutoCloseable {

    private final TextNormalizer normalizer;
    private final EncoderHeadClassifier classifier;

    private HeadScreen(TextNormalizer normalizer, EncoderHeadClassifier classifier) {
        this.normalizer = normalizer;
        this.classifier = classifier;
    }

    static HeadScreen load(String headFile, ScreeningEncoders encoders, TextNormalizer normalizer) {
        OnnxHead head = ShippedModels.head(headFile, encoders.options());
        try {
            SentenceEncoder encoder = encoders.get(head.head().provenance().encoder());
            return new HeadScreen(normalizer, new EncoderHeadClassifier(encoder, head));
        } catch (RuntimeException e) {
            head.close();
            throw e;
        }
    }

    /** The normalised text, or null when nothing visible is left. */
    String normalize(String text) {
        String clean = normalizer.normalizeText(text);
        return clean.isBlank() ? null : clean;
    }

    List<Prediction> classifyNormalized(List<String> normalized) {
        return classifier.classifyAll(normalized);
    }

    /** Closes the head only. */
    @Override
    public void close() {
        classifier.close();
    }
}
