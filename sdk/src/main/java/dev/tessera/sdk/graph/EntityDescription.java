package dev.tessera.sdk.graph;

import java.util.List;
import java.util.Objects;

/**
 * What a graph says about one of its entities in its own words ({@link GraphRetriever#describe}): what an answer
 * states about an entity it has no relationship of to state, or opens with when the question asks what it is.
 *
 * @param id          the entity's id, e.g. {@code finance:jurisdiction:sy}
 * @param labels      its own labels, e.g. {@code [Jurisdiction]} ({@code Entity} and the domain label left out)
 * @param name        its English name
 * @param nameZh      its Chinese name; empty when it has none
 * @param description the node's description as stored; never blank
 * @param descriptionZh its Chinese description ({@code description_zh}); empty when the graph gives none
 * @param source      where the description comes from, as stored; empty when the node names none
 */
public record EntityDescription(String id, List<String> labels, String name, String nameZh, String description,
                                String descriptionZh, String source) {

    public EntityDescription {
        Objects.requireNonNull(id, "id");
        labels = List.copyOf(labels);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(description, "description");
        if (description.isBlank()) {
            throw new IllegalArgumentException("description is blank for " + id);
        }
        Objects.requireNonNull(descriptionZh, "descriptionZh");
        Objects.requireNonNull(source, "source");
    }

    /** Whether it can be stated in Chinese: the graph gives a Chinese description. */
    public boolean statedInChinese() {
        return !descriptionZh.isBlank();
    }

    /** The name a Chinese statement of it uses: the Chinese name, or the English one where it has none. */
    public String chineseName() {
        return nameZh.isBlank() ? name : nameZh;
    }

    /** "Name [Label]. Sources: source", in the form of {@link EvidencePath#citation()}. */
    public String citation() {
        String display = new PathNode(id, labels, name, nameZh).display();
        return source.isEmpty() ? display : display + ". Sources: " + source;
    }
}
