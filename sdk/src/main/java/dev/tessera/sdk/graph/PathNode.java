package dev.tessera.sdk.graph;

import java.util.List;
import java.util.Objects;

/**
 * A node on an evidence path.
 *
 * @param id     entity id
 * @param labels its own labels ({@code Entity} and the domain label left out)
 * @param name   English name
 */
public record PathNode(String id, List<String> labels, String name) {

    public PathNode {
        Objects.requireNonNull(id, "id");
        labels = List.copyOf(labels);
        Objects.requireNonNull(name, "name");
    }

    /** E.g. {@code Fever [Symptom]}. */
    String display() {
        return labels.isEmpty() ? name : name + " [" + String.join(", ", labels) + "]";
    }
}
