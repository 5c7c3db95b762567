package dev.tessera.sdk.graph;

import java.util.List;
import java.util.Objects;

/**
 * The answer of {@link GraphRetriever#evidence}: paths, or the reason there are none because the graph could not be
 * asked. Callers carry on without graph context when it is {@link Status#UNAVAILABLE}.
 *
 * @param status   whether the graph answered
 * @param reason   why it did not (Neo4j down, timed out, circuit open, refused the query); empty when available.
 *                 Never contains the caller's text
 * @param entities the entities linked from the text, best first; empty when unavailable
 * @param paths    evidence paths, best first; empty when unavailable or when nothing was linked
 */
public record Evidence(Status status, String reason, List<LinkedEntity> entities, List<EvidencePath> paths) {

    public enum Status {
        AVAILABLE, UNAVAILABLE
    }

    public Evidence {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        entities = List.copyOf(entities);
        paths = List.copyOf(paths);
    }

    static Evidence available(List<LinkedEntity> entities, List<EvidencePath> paths) {
        return new Evidence(Status.AVAILABLE, "", entities, paths);
    }

    static Evidence unavailable(String reason) {
        return new Evidence(Status.UNAVAILABLE, reason, List.of(), List.of());
    }

    public boolean isAvailable() {
        return status == Status.AVAILABLE;
    }
}
