package dev.tessera.sdk.graph;

import java.util.Objects;

/**
 * One relationship of an evidence path, in the order the path was walked.
 *
 * @param from      the node the walk came from
 * @param type      relationship type, e.g. {@code HAS_SYMPTOM}
 * @param direction whether the relationship points along the walk ({@code from → to}) or against it
 * @param to        the node the walk went to
 * @param source    the relationship's source attribution, as loaded
 */
public record PathStep(PathNode from, String type, Direction direction, PathNode to, String source) {

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
    }

    /** The arrow between two nodes, e.g. {@code -[HAS_SYMPTOM]->} or {@code <-[HAS_SYMPTOM]-}. */
    String arrow() {
        return direction == Direction.OUTGOING ? "-[" + type + "]->" : "<-[" + type + "]-";
    }
}
