package dev.tessera.sdk.graph;

import dev.tessera.sdk.TesseraException;

/**
 * Neo4j answered but refused the request: a missing index (schema not ensured for the domain), vectors of the wrong
 * dimension, a constraint violation. Retrying will not help; the setup needs fixing.
 */
public class GraphQueryException extends TesseraException {
    public GraphQueryException(String message, Throwable cause) {
        super(message, cause);
    }

    public GraphQueryException(String message) {
        super(message);
    }
}
