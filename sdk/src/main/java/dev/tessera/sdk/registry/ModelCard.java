package dev.tessera.sdk.registry;

import java.util.Map;
import java.util.Objects;

/**
 * What a model version is and where it may be used.
 *
 * @param name         model name, e.g. {@code legal-clause-type}
 * @param version      immutable version label, e.g. {@code 2026-11-22.1}
 * @param source       where the artifact came from (trainer, base encoder, file)
 * @param trainingData training data and split
 * @param license      license of the weights and of the data they were trained on
 * @param metrics      evaluation figures (name → value), with the split named in the key
 * @param sha256       SHA-256 of the serialised artifact
 */
public record ModelCard(String name, String version, String source, String trainingData, String license,
                        Map<String, Double> metrics, String sha256) {

    public ModelCard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(trainingData, "trainingData");
        Objects.requireNonNull(license, "license");
        metrics = Map.copyOf(metrics);
        Objects.requireNonNull(sha256, "sha256");
        if (name.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("model name and version must not be blank");
        }
    }
}
