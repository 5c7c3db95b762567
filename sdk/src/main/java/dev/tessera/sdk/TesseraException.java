package dev.tessera.sdk;

/**
 * Base of every error the SDK raises on purpose. Subtypes name the problem so callers can react to it
 * (reject the request, retry later, fix the model file) without parsing messages.
 */
public class TesseraException extends RuntimeException {
    public TesseraException(String message) {
        super(message);
    }

    public TesseraException(String message, Throwable cause) {
        super(message, cause);
    }
}
