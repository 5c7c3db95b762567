package dev.tessera.sdk.graph;

import java.util.List;
import java.util.Objects;

/**
 * A node on an evidence path.
 *
 * @param id     entity id
 * @param labels its own labels ({@code Entity} and the domain label left out)
 * @param name   English name
 * @param nameZh Chinese name, or empty when the graph gives none
 */
public record PathNode(String id, List<String> labels, String name, String nameZh) {

    public PathNode {
        Objects.requireNonNull(id, "id");
        labels = List.copyOf(labels);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameZh, "nameZh");
    }

    /** A node with no Chinese name. */
    public PathNode(String id, List<String> labels, String name) {
        this(id, labels, name, "");
    }

    /** The name a Chinese text uses: the Chinese name, or the English one where there is none. */
    public String chineseName() {
        return nameZh.isBlank() ? name : nameZh;
    }

    /** E.g. {@code Fever [Symptom]}. */
    String display() {
        return labels.isEmpty() ? name : name + " [" + String.join(", ", labels) + "]";
    }
}
