package dev.tessera.sdk.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * One relationship of an evidence path, in the order the path was walked.
 *
 * @param from      the node the walk came from
 * @param type      relationship type, e.g. {@code HAS_SYMPTOM}
 * @param direction whether the relationship points along the walk ({@code from → to}) or against it
 * @param to        the node the walk went to
 * @param source    the relationship's source attribution, as loaded
 * @param reading   how the relationship reads as a sentence, as the graph declares it
 */
public record PathStep(PathNode from, String type, Direction direction, PathNode to, String source,
                       RelationshipReading reading) {

    public enum Direction {
        /** Stored as {@code (from)-[type]->(to)}. */
        OUTGOING,
        /** Stored as {@code (from)<-[type]-(to)}. */
        INCOMING
    }

    public PathStep {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reading, "reading");
    }

    /** A step of a type the graph gives no reading for: it reads as the type's words. */
    public PathStep(PathNode from, String type, Direction direction, PathNode to, String source) {
        this(from, type, direction, to, source, RelationshipReading.ofType(type));
    }

    /** The node the stored relationship points from, whichever way the path walked it. */
    public PathNode subject() {
        return direction == Direction.OUTGOING ? from : to;
    }

    /** The node the stored relationship points to. */
    public PathNode object() {
        return direction == Direction.OUTGOING ? to : from;
    }

    /** The relationship as an English sentence, e.g. "Malaria has the symptom Fever" (no full stop). */
    public String englishSentence() {
        return reading.english(subject().name(), object().name());
    }

    /**
     * The relationship as a Chinese sentence with the nodes' Chinese names, e.g. "疟疾的症状包括发热"; empty when the type
     * has no Chinese reading.
     */
    public Optional<String> chineseSentence() {
        return reading.chinese(subject().chineseName(), object().chineseName());
    }

    /** The arrow between two nodes, e.g. {@code -[HAS_SYMPTOM]->} or {@code <-[HAS_SYMPTOM]-}. */
    String arrow() {
        return direction == Direction.OUTGOING ? "-[" + type + "]->" : "<-[" + type + "]-";
    }
}
