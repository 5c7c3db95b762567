package dev.tessera.sdk.encoder;

/** Small vector helpers shared by pooling, heads and tests. */
public final class Vectors {

    private Vectors() {
    }

    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Vector sizes differ: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    public static double cosine(float[] a, float[] b) {
        double na = Math.sqrt(dot(a, a));
        double nb = Math.sqrt(dot(b, b));
        if (na == 0 || nb == 0) {
            return 0;
        }
        return dot(a, b) / (na * nb);
    }

    /** Scales {@code v} to unit length in place; a zero vector stays zero. */
    public static float[] normalizeInPlace(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm > 0) {
            float inv = (float) (1.0 / norm);
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
