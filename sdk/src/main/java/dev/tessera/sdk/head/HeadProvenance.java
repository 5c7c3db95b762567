package dev.tessera.sdk.head;

import java.util.Map;
import java.util.Objects;

/**
 * How a head came to be: enough to reproduce it and to judge where it may be used.
 *
 * @param trainer      trainer identifier
 * @param config       every trainer setting, as strings
 * @param trainingData description of the training data (name, split, license)
 * @param examples     number of training examples
 * @param encoder      name of the encoder whose vectors the head was trained on
 * @param createdAt    ISO-8601 instant
 * @param warmStartFrom version the training started from, or null for a fresh start
 */
public record HeadProvenance(String trainer, Map<String, String> config, String trainingData, int examples,
                             String encoder, String createdAt, String warmStartFrom) {

    public HeadProvenance {
        Objects.requireNonNull(trainer, "trainer");
        config = Map.copyOf(config);
        Objects.requireNonNull(trainingData, "trainingData");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
