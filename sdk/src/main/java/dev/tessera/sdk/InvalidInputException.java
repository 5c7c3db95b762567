package dev.tessera.sdk;

/** The caller's input cannot be processed as given: null, empty, too long, or otherwise malformed. */
public class InvalidInputException extends TesseraException {
    public InvalidInputException(String message) {
        super(message);
    }
}
