package dev.tessera.sdk.head;

/** What a head predicts. */
public enum HeadType {
    /** Exactly one label per input: softmax over the labels. */
    MULTI_CLASS,
    /** Any subset of labels per input: an independent sigmoid per label. */
    MULTI_LABEL
}
