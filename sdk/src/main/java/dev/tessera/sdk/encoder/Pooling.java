package dev.tessera.sdk.encoder;

/** How token states become one sentence vector (always followed by L2 normalisation). */
public enum Pooling {
    /** Mean of the token states under the attention mask (sentence-transformers MiniLM). */
    MEAN,
    /** The state of the first ([CLS]) token (BGE models). */
    CLS
}
