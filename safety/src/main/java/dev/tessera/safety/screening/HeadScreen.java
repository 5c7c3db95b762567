package dev.tessera.safety.screening;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
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
    private final ModelRef model;
    private final Auditor auditor;

    private HeadScreen(TextNormalizer normalizer, EncoderHeadClassifier classifier, ModelRef model, Auditor auditor) {
        this.normalizer = normalizer;
        this.classifier = classifier;
        this.model = model;
        this.auditor = auditor;
    }

    static HeadScreen load(String headFile, ScreeningEncoders encoders, TextNormalizer normalizer, Auditor auditor) {
        ModelRef model = ModelRef.shipped(headFile);
        OnnxHead head = ShippedModels.head(headFile, encoders.options());
        try {
            SentenceEncoder encoder = encoders.get(head.head().provenance().encoder());
            return new HeadScreen(normalizer, new EncoderHeadClassifier(encoder, head), model, auditor);
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

    /** Records this head's verdict on the caller's {@code text}; {@code flagged} means the screen objects. */
    void audit(String text, long startNanos, double score, boolean flagged) {
        auditor.record(AuditRecord.Layer.INPUT, text, Auditor.since(startNanos), model.decision(score, flagged));
    }

    /** Closes the head only. */
    @Override
    public void close() {
        classifier.close();
    }
}
