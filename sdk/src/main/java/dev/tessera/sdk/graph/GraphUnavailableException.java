package dev.tessera.sdk.graph;

import dev.tessera.sdk.TesseraException;

/**
 * Neo4j could not answer: unreachable, too slow for the query timeout, or shed by the open circuit breaker.
 * Retrying later may succeed; {@link GraphRetriever#evidence} turns this into an unavailable {@link Evidence}.
 */
public class GraphUnavailableException extends TesseraException {
    public GraphUnavailableException(String message) {
        super(message);
    }

    public GraphUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
