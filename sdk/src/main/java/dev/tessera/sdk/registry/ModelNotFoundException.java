package dev.tessera.sdk.registry;

import dev.tessera.sdk.TesseraException;

/** No such model, no such version, or no active version to serve from. */
public class ModelNotFoundException extends TesseraException {
    public ModelNotFoundException(String message) {
        super(message);
    }
}
