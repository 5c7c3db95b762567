package dev.tessera.sdk.events;

import dev.tessera.sdk.TesseraException;

/**
 * An event that does not satisfy its contract: not JSON, not CloudEvents 1.0, an unknown type or version, or a
 * payload that fails validation. Consumers route it to the dead-letter topic with {@link #getMessage()} as the
 * reason and carry on.
 */
public class InvalidEventException extends TesseraException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
