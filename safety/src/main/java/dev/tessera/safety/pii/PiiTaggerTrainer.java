package dev.tessera.safety.pii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Trains a {@link PiiTagger} with the averaged structured perceptron (Collins 2002): decode each text with the
 * current weights, move the weights toward the gold label sequence where they disagree, and keep the average of the
 * weights over all steps, which generalises far better than the last ones. Deterministic for a given seed.
 */
public final class PiiTaggerTrainer {

    public static final String TRAINER_ID = "tessera-averaged-perceptron/1";

    private final Map<String, String> entityOf;
    private final int epochs;
    private final long seed;
    private final int bucketBits;
    private final float denseScale;
    private final int orderings;
    private final String dataDescription;

    private PiiTaggerTrainer(Builder b) {
        this.entityOf = Map.copyOf(b.entityOf);
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.bucketBits = b.bucketBits;
        this.denseScale = b.denseScale;
        this.orderings = b.orderings;
        this.dataDescription = b.dataDescription;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A sparse-only tagger. */
    public PiiTagger train(List<LabeledText> data) {
        return train(data, null);
    }

    /** A tagger with dense features from {@code vectors} (null for sparse only); it is served with the same source. */
    public PiiTagger train(List<LabeledText> data, WordVectors vectors) {
        List<String> entities = new ArrayList<>(new LinkedHashSet<>(entityOf.values()));
        entities.sort(null);
        int labels = 1 + 2 * entities.size();
        int dim = vectors == null ? 0 : vectors.dimension();
        Weights w = new Weights((1 << bucketBits) * labels);
        Weights t = new Weights((labels + 1) * labels);
        Weights dense = new Weights(dim * labels);
        PiiTagger live = new PiiTagger(entities, bucketBits, w.current, t.current, vectors == null ? null : dense.current,
                vectors == null ? null : vectors.name(), Map.of(), null);

        int[][][] feats = new int[data.size()][][];
        float[][][] vecs = new float[data.size()][][];
        int[][] gold = new int[data.size()][];
        for (int s = 0; s < data.size(); s++) {
            String text = data.get(s).text();
            Tokens tokens = Tokens.of(text);
            feats[s] = live.features().extract(tokens);
            gold[s] = goldLabels(data.get(s), tokens, entities);
            if (vectors != null && tokens.size() > 0) {
                int[][] words = new int[tokens.size()][];
                for (int i = 0; i < words.length; i++) {
                    words[i] = new int[] {tokens.start(i), tokens.end(i)};
                }
                vecs[s] = vectors.vectors(text, words);
                for (float[] v : vecs[s]) {
                    for (int d = 0; d < v.length; d++) {
                        v[d] *= denseScale;
                    }
                }
            }
        }
        float[] wSum = new float[w.current.length];
        float[] tSum = new float[t.current.length];
        float[] denseSum = vectors == null ? null : new float[dense.current.length];
        for (int run = 0; run < orderings; run++) {
            if (run > 0) {
                w.reset();
                t.reset();
                dense.reset();
            }
            long step = perceptron(live, feats, vecs, gold, labels, w, t, dense, new Random(seed + run));
            addTo(wSum, w.average(step, 1f / orderings));
            addTo(tSum, t.average(step, 1f / orderings));
            if (denseSum != null) {
                // Served vectors are unit length; folding the training scale into the weights gives the same scores.
                addTo(denseSum, dense.average(step, denseScale / orderings));
            }
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("trainer", TRAINER_ID);
        provenance.put("feature_version", Integer.toString(TaggerFeatures.VERSION));
        provenance.put("epochs", Integer.toString(epochs));
        provenance.put("seed", Long.toString(seed));
        provenance.put("orderings", Integer.toString(orderings));
        provenance.put("bucket_bits", Integer.toString(bucketBits));
        provenance.put("entity_map", new TreeMap<>(entityOf).toString());
        provenance.put("word_vectors", vectors == null ? "none" : vectors.name() + " x" + denseScale);
        provenance.put("training_data", dataDescription);
        provenance.put("examples", Integer.toString(data.size()));
        provenance.put("created_at", Instant.now().toString());
        return new PiiTagger(entities, bucketBits, wSum, tSum, denseSum, vectors == null ? null : vectors.name(),
                provenance, null);
    }

    /** One averaged-perceptron run over the examples in {@code random}'s shuffles; returns its step count. */
    private long perceptron(PiiTagger live, int[][][] feats, float[][][] vecs, int[][] gold, int labels, Weights w,
                            Weights t, Weights dense, Random random) {
        int[] order = new int[feats.length];
        Arrays.setAll(order, i -> i);
        long step = 1;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int s : order) {
                if (feats[s].length > 0) {
                    int[] pred = live.decode(feats[s], vecs[s]);
                    if (!Arrays.equals(pred, gold[s])) {
                        update(feats[s], vecs[s], gold[s], pred, labels, w, t, dense, step);
                    }
                }
                step++;
            }
        }
        return step;
    }

    private static void addTo(float[] sum, float[] part) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += part[i];
        }
    }

    /**
     * Grouped k-fold cross-validation: texts sharing a group (e.g. a {@link TemplateGroups} template) stay in one fold;
     * each fold is scanned by a {@link PiiScanner} whose tagger was trained on the other folds, and the held-out
     * findings of all folds are scored together. Groups are dealt to folds in a seeded shuffle.
     *
     * @param vectors dense features (null for sparse only), as in {@link #train(List, WordVectors)}
     */
    public PiiEvaluation.Report crossValidate(List<LabeledText> data, int[] groups, int folds, WordVectors vectors,
                                              PiiEvaluation evaluation) {
        Map<String, List<PiiFinding>> heldOut = heldOutFindings(data, groups, folds, vectors);
        return evaluation.evaluate(heldOut::get, data);
    }

    /**
     * The findings {@link #crossValidate} scores, per text: each text scanned by a tagger trained without its group.
     * For error analysis; identity-keyed, so look texts up with the strings of {@code data}.
     */
    public Map<String, List<PiiFinding>> heldOutFindings(List<LabeledText> data, int[] groups, int folds,
                                                         WordVectors vectors) {
        return heldOutFindings(data, groups, folds, vectors, fit -> List.of());
    }

    /**
     * As {@link #heldOutFindings(List, int[], int, WordVectors)}, each fold's tagger also trained on
     * {@code extraTraining} of its fitting texts (never scored): synthetic texts built from those texts alone, so
     * nothing of the held-out fold reaches its tagger.
     */
    public Map<String, List<PiiFinding>> heldOutFindings(List<LabeledText> data, int[] groups, int folds,
                                                         WordVectors vectors,
                                                         Function<List<LabeledText>, List<LabeledText>> extraTraining) {
        if (groups.length != data.size()) {
            throw new IllegalArgumentException(groups.length + " groups for " + data.size() + " texts");
        }
        List<Integer> distinct = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(groups).boxed().toList()));
        if (folds < 2 || folds > distinct.size()) {
            throw new IllegalArgumentException("folds must be in [2, " + distinct.size() + "] (the number of groups)");
        }
        Collections.shuffle(distinct, new Random(seed));
        Map<Integer, Integer> foldOf = new HashMap<>();
        for (int k = 0; k < distinct.size(); k++) {
            foldOf.put(distinct.get(k), k % folds);
        }
        Map<String, List<PiiFinding>> heldOut = new IdentityHashMap<>();
        for (int f = 0; f < folds; f++) {
            List<LabeledText> fit = new ArrayList<>();
            List<LabeledText> held = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                (foldOf.get(groups[i]) == f ? held : fit).add(data.get(i));
            }
            List<LabeledText> extra = extraTraining.apply(List.copyOf(fit));
            fit.addAll(extra);
            PiiTagger tagger = train(fit, vectors);
            PiiScanner scanner = PiiScanner.builder().tagger(vectors == null ? tagger : tagger.withVectors(vectors))
                    .build();
            for (LabeledText t : held) {
                heldOut.put(t.text(), scanner.find(t.text()));
            }
        }
        return heldOut;
    }

    private static void update(int[][] feats, float[][] vecs, int[] gold, int[] pred, int labels, Weights w, Weights t,
                               Weights dense, long step) {
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] != pred[i]) {
                for (int f : feats[i]) {
                    w.add(f * labels + gold[i], 1, step);
                    w.add(f * labels + pred[i], -1, step);
                }
                if (vecs != null) {
                    for (int d = 0; d < vecs[i].length; d++) {
                        dense.add(d * labels + gold[i], vecs[i][d], step);
                        dense.add(d * labels + pred[i], -vecs[i][d], step);
                    }
                }
            }
            int prevGold = i == 0 ? labels : gold[i - 1];
            int prevPred = i == 0 ? labels : pred[i - 1];
            if (prevGold != prevPred || gold[i] != pred[i]) {
                t.add(prevGold * labels + gold[i], 1, step);
                t.add(prevPred * labels + pred[i], -1, step);
            }
        }
    }

    /** Current weights plus the step-weighted sum of updates, from which the average follows in O(size). */
    private static final class Weights {
        final float[] current;
        final double[] stepWeighted;

        Weights(int size) {
            current = new float[size];
            stepWeighted = new double[size];
        }

        void add(int index, float delta, long step) {
            current[index] += delta;
            stepWeighted[index] += (double) delta * step;
        }

        /** Back to zero in place: the live tagger decoding during training reads {@link #current}. */
        void reset() {
            Arrays.fill(current, 0f);
            Arrays.fill(stepWeighted, 0d);
        }

        /** Average over all steps: current - stepWeighted / steps, times {@code scale}. */
        float[] average(long steps, float scale) {
            float[] avg = new float[current.length];
            for (int i = 0; i < avg.length; i++) {
                avg[i] = (float) ((current[i] - stepWeighted[i] / steps) * scale);
            }
            return avg;
        }
    }

    /** BIO labels from the spans whose dataset type maps to an entity; tokens inside a span get B- then I-. */
    private int[] goldLabels(LabeledText text, Tokens tokens, List<String> entities) {
        int[] labels = new int[tokens.size()];
        for (LabeledText.Span span : text.spans()) {
            String entity = entityOf.get(span.type());
            if (entity == null) {
                continue;
            }
            int e = entities.indexOf(entity);
            boolean first = true;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.start(i) >= span.start() && tokens.end(i) <= span.end() && labels[i] == 0) {
                    labels[i] = first ? 2 * e + 1 : 2 * e + 2;
                    first = false;
                }
            }
        }
        return labels;
    }

    public static final class Builder {
        private final Map<String, String> entityOf = new LinkedHashMap<>();
        private int epochs = 12;
        private long seed = 42;
        private int bucketBits = 16;
        private float denseScale = 3f;
        private int orderings = 1;
        private String dataDescription = "unspecified";

        private Builder() {
        }

        /** Train dataset type {@code datasetType} as tagger entity {@code entity} (several types may share one). */
        public Builder entity(String datasetType, String entity) {
            entityOf.put(Objects.requireNonNull(datasetType), Objects.requireNonNull(entity));
            return this;
        }

        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1");
            }
            this.epochs = epochs;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** log2 of the feature buckets (default 16: 65,536 buckets, 1.3 MB of weights, so lookups stay in cache). */
        public Builder bucketBits(int bits) {
            if (bits < 8 || bits > 24) {
                throw new IllegalArgumentException("bucketBits must be in [8, 24]");
            }
            this.bucketBits = bits;
            return this;
        }

        /**
         * Length the unit word vectors are scaled to during training (default 3): the perceptron's step is fixed, so
         * this sets how fast dense weights move relative to the binary sparse ones.
         */
        public Builder denseScale(float scale) {
            if (!(scale > 0)) {
                throw new IllegalArgumentException("denseScale must be > 0");
            }
            this.denseScale = scale;
            return this;
        }

        /**
         * Runs of the perceptron, each over its own shuffles of the examples from fresh weights, whose averaged
         * weights are averaged again (default 1). A tagger's spans depend on the order it saw the examples in; the
         * mean of several orders is steadier.
         */
        public Builder orderings(int orderings) {
            if (orderings < 1 || orderings > 64) {
                throw new IllegalArgumentException("orderings must be in [1, 64]");
            }
            this.orderings = orderings;
            return this;
        }

        /** Name, split, licence and SHA-256 of the training data, recorded in the model's provenance. */
        public Builder dataDescription(String description) {
            this.dataDescription = Objects.requireNonNull(description);
            return this;
        }

        public PiiTaggerTrainer build() {
            if (entityOf.isEmpty()) {
                throw new IllegalStateException("map at least one dataset type to an entity");
            }
            return new PiiTaggerTrainer(this);
        }
    }
}
