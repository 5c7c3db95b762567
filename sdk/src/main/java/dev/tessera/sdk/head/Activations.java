package dev.tessera.sdk.head;

/** Softmax and sigmoid, numerically stable. */
final class Activations {

    private Activations() {
    }

    static float[] apply(HeadType type, float[] logits) {
        return type == HeadType.MULTI_CLASS ? softmax(logits) : sigmoid(logits);
    }

    static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        float[] p = new float[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= (float) sum;
        }
        return p;
    }

    static float[] sigmoid(float[] logits) {
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i])));
        }
        return p;
    }
}
