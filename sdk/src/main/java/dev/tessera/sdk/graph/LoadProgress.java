package dev.tessera.sdk.graph;

/**
 * How far a {@link GraphLoader} has got, reported after each batch.
 *
 * @param phase what is being written
 * @param done  nodes or relationships written so far in this phase
 * @param total nodes or relationships this phase will write
 */
public record LoadProgress(Phase phase, int done, int total) {

    public enum Phase {
        /** Embedding and merging nodes. */
        NODES,
        /** Merging relationships. */
        RELATIONSHIPS
    }
}
