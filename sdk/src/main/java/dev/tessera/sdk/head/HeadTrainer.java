package dev.tessera.sdk.head;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link LinearHead} on sentence vectors with mini-batch Adam: cross-entropy over a softmax for
 * multi-class heads, binary cross-entropy per label for multi-label heads, L2 weight decay. Deterministic for a
 * given seed. Can warm-start from an earlier head with the same label space (continual learning).
 */
public final class HeadTrainer {

    public static final String TRAINER_ID = "tessera-linear-adam/1";

    private final HeadType type;
    private final int epochs;
    private final double learningRate;
    private final double l2;
    private final int batchSize;
    private final long seed;
    private final String encoderName;

    private HeadTrainer(Builder b) {
        this.type = b.type;
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.l2 = b.l2;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.encoderName = b.encoderName;
    }

    public static Builder builder(HeadType type) {
        return new Builder(type);
    }

    public LinearHead train(String headName, TrainingSet data) {
        return train(headName, data, null, null);
    }

    /**
     * @param warmStart      head to start from (same labels and input size), or null
     * @param warmStartLabel version name of the warm start, recorded in the provenance
     */
    public LinearHead train(String headName, TrainingSet data, LinearHead warmStart, String warmStartLabel) {
        int c = data.labelSpace().size();
        int d = data.dimension();
        if (type == HeadType.MULTI_CLASS) {
            for (int i = 0; i < data.size(); i++) {
                if (data.labels()[i].length != 1) {
                    throw new IllegalArgumentException("multi-class example " + i + " has "
                            + data.labels()[i].length + " labels; exactly one is required");
                }
            }
        }
        double[][] w = new double[c][d];
        double[] b = new double[c];
        if (warmStart != null) {
            if (!warmStart.labels().equals(data.labelSpace()) || warmStart.inputDimension() != d) {
                throw new IllegalArgumentException("warm start head has labels " + warmStart.labels() + " and input "
                        + warmStart.inputDimension() + "; the data has " + data.labelSpace() + " and input " + d);
            }
            float[][] ww = warmStart.weights();
            float[] bb = warmStart.bias();
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < d; j++) {
                    w[k][j] = ww[k][j];
                }
                b[k] = bb[k];
            }
        }
        Adam adamW = new Adam(c * d);
        Adam adamB = new Adam(c);
        Random random = new Random(seed);
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] gw = new double[c * d];
        double[] gb = new double[c];
        double[] logits = new double[c];
        double[] target = new double[c];
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                java.util.Arrays.fill(gw, 0);
                java.util.Arrays.fill(gb, 0);
                for (int p = start; p < end; p++) {
                    int i = order[p];
                    float[] x = data.features()[i];
                    for (int k = 0; k < c; k++) {
                        double s = b[k];
                        double[] wk = w[k];
                        for (int j = 0; j < d; j++) {
                            s += wk[j] * x[j];
                        }
                        logits[k] = s;
                    }
                    java.util.Arrays.fill(target, 0);
                    for (int l : data.labels()[i]) {
                        target[l] = 1;
                    }
                    double[] prob = type == HeadType.MULTI_CLASS ? softmax(logits) : sigmoid(logits);
                    for (int k = 0; k < c; k++) {
                        double g = prob[k] - target[k];
                        gb[k] += g;
                        int off = k * d;
                        for (int j = 0; j < d; j++) {
                            gw[off + j] += g * x[j];
                        }
                    }
                }
                double scale = 1.0 / (end - start);
                for (int k = 0; k < c; k++) {
                    for (int j = 0; j < d; j++) {
                        gw[k * d + j] = gw[k * d + j] * scale + l2 * w[k][j];
                    }
                    gb[k] *= scale;
                }
                adamW.step(gw);
                adamB.step(gb);
                for (int k = 0; k < c; k++) {
                    for (int j = 0; j < d; j++) {
                        w[k][j] -= learningRate * adamW.update[k * d + j];
                    }
                    b[k] -= learningRate * adamB.update[k];
                }
            }
        }
        float[][] fw = new float[c][d];
        float[] fb = new float[c];
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < d; j++) {
                fw[k][j] = (float) w[k][j];
            }
            fb[k] = (float) b[k];
        }
        HeadProvenance provenance = new HeadProvenance(TRAINER_ID, config(), data.description(), n, encoderName,
                Instant.now().toString(), warmStartLabel);
        return new LinearHead(headName, type, data.labelSpace(), fw, fb, provenance);
    }

    private Map<String, String> config() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", type.name());
        m.put("epochs", String.valueOf(epochs));
        m.put("learningRate", String.valueOf(learningRate));
        m.put("l2", String.valueOf(l2));
        m.put("batchSize", String.valueOf(batchSize));
        m.put("seed", String.valueOf(seed));
        return m;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] sigmoid(double[] logits) {
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1.0 / (1.0 + Math.exp(-logits[i]));
        }
        return p;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Adam moment estimates for one parameter block; {@link #update} holds the step direction after {@link #step}. */
    private static final class Adam {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPS = 1e-8;
        private final double[] m;
        private final double[] v;
        final double[] update;
        private int t;

        Adam(int size) {
            m = new double[size];
            v = new double[size];
            update = new double[size];
        }

        void step(double[] grad) {
            t++;
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            for (int i = 0; i < grad.length; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
                update[i] = (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
            }
        }
    }

    public static final class Builder {
        private final HeadType type;
        private int epochs = 60;
        private double learningRate = 0.01;
        private double l2 = 1e-4;
        private int batchSize = 32;
        private long seed = 42;
        private String encoderName = "unknown";

        private Builder(HeadType type) {
            this.type = java.util.Objects.requireNonNull(type, "type");
        }

        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1");
            }
            this.epochs = epochs;
            return this;
        }

        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learningRate must be > 0");
            }
            this.learningRate = learningRate;
            return this;
        }

        public Builder l2(double l2) {
            if (l2 < 0) {
                throw new IllegalArgumentException("l2 must be >= 0");
            }
            this.l2 = l2;
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1");
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Name of the encoder that produced the training vectors, for the provenance. */
        public Builder encoder(String name) {
            this.encoderName = java.util.Objects.requireNonNull(name);
            return this;
        }

        public HeadTrainer build() {
            return new HeadTrainer(this);
        }
    }
}
