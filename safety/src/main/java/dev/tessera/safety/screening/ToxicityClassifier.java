package dev.tessera.safety.screening;

import dev.tessera.safety.audit.Auditor;
import dev.tessera.sdk.head.HeadType;
import dev.tessera.sdk.head.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * Three-way toxicity screen (hate / offensive / neither) on normalised text: the shipped MiniLM int8 head trained
 * on Davidson et al. 2017. Text with nothing visible left after normalisation is {@code neither}. Thread-safe.
 *
 * <p>With an {@link Auditor}, each classified text records one INPUT decision: the model's card name and version,
 * the top label's probability, BLOCK when the top label is hate or offensive, else ALLOW.
 */
public final class ToxicityClassifier implements AutoCloseable {

    public static final String HATE = "hate";
    public static final String OFFENSIVE = "offensive";
    public static final String NEITHER = "neither";
    /** The head's labels, in its output order. */
    public static final List<String> LABELS = List.of(HATE, OFFENSIVE, NEITHER);

    private final HeadScreen screen;
    private final ScreeningEncoders ownedEncoders;

    private ToxicityClassifier(HeadScreen screen, ScreeningEncoders ownedEncoders) {
        this.screen = screen;
        this.ownedEncoders = ownedEncoders;
    }

    /** Loads the shipped head and its encoder (CPU); closing the classifier closes them. */
    public static ToxicityClassifier load() {
        return ScreeningEncoders.withOwnCpuEncoders(encoders -> new ToxicityClassifier(HeadScreen.load(
                ShippedModels.TOXICITY_HEAD, encoders, TextNormalizer.defaults(), Auditor.none()), encoders));
    }

    /** Loads the shipped head on shared encoders, which stay open when the classifier closes. */
    public static ToxicityClassifier load(ScreeningEncoders encoders, TextNormalizer normalizer) {
        return load(encoders, normalizer, Auditor.none());
    }

    /** As {@link #load(ScreeningEncoders, TextNormalizer)}, recording every verdict with {@code auditor}. */
    public static ToxicityClassifier load(ScreeningEncoders encoders, TextNormalizer normalizer, Auditor auditor) {
        return new ToxicityClassifier(HeadScreen.load(ShippedModels.TOXICITY_HEAD, encoders, normalizer, auditor),
                null);
    }

    /** True for the labels that make a text toxic (hate, offensive): what a benign text should never get. */
    public static boolean flags(String label) {
        return !NEITHER.equals(label);
    }

    /** Probabilities of hate, offensive and neither, highest first. */
    public Prediction classify(String text) {
        return classifyAll(List.of(text)).get(0);
    }

    /** Classifies many texts in batches; the result is in input order. */
    public List<Prediction> classifyAll(List<String> texts) {
        long start = System.nanoTime();
        List<String> clean = new ArrayList<>(texts.size());
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String c = screen.normalize(texts.get(i));
            if (c != null) {
                clean.add(c);
                rows.add(i);
            }
        }
        List<Prediction> scored = screen.classifyNormalized(clean);
        List<Prediction> out = new ArrayList<>(texts.size());
        Prediction empty = new Prediction(List.of(new Prediction.LabelScore(NEITHER, 1.0),
                new Prediction.LabelScore(HATE, 0.0), new Prediction.LabelScore(OFFENSIVE, 0.0)),
                HeadType.MULTI_CLASS, false);
        int next = 0;
        for (int i = 0; i < texts.size(); i++) {
            out.add(next < rows.size() && rows.get(next) == i ? scored.get(next++) : empty);
        }
        for (int i = 0; i < texts.size(); i++) {
            Prediction p = out.get(i);
            screen.audit(texts.get(i), start, p.topProbability(), flags(p.topLabel()));
        }
        return out;
    }

    /** Closes the head, and the encoders when this classifier loaded them itself. */
    @Override
    public void close() {
        screen.close();
        if (ownedEncoders != null) {
            ownedEncoders.close();
        }
    }
}
