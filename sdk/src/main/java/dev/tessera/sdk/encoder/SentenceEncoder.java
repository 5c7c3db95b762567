package dev.tessera.sdk.encoder;

import java.util.List;

/** Turns text into unit-length sentence vectors. */
public interface SentenceEncoder {

    /** Stable name of the underlying model, e.g. {@code all-minilm-l6-v2-q}. */
    String modelName();

    /** Size of every vector this encoder returns. */
    int dimension();

    Embedding embed(String text);

    /** Embeds many texts; the result is in input order. */
    List<Embedding> embedAll(List<String> texts);
}
