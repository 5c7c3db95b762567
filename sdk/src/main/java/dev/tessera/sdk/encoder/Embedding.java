package dev.tessera.sdk.encoder;

/**
 * A sentence vector (L2-normalised) and how it was obtained.
 *
 * @param vector             unit-length embedding
 * @param tokenCount         tokens the model saw, special tokens included
 * @param originalTokenCount tokens the full text produced; larger than tokenCount when truncated
 * @param truncated          the text was longer than the model's window and only its start was embedded
 */
public record Embedding(float[] vector, int tokenCount, int originalTokenCount, boolean truncated) {

    public int dimension() {
        return vector.length;
    }

    /** Cosine similarity; both vectors are unit length, so this is their dot product. */
    public double cosine(Embedding other) {
        return Vectors.dot(vector, other.vector);
    }
}
