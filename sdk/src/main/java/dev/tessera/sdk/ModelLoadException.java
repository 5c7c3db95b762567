package dev.tessera.sdk;

/** A model or tokenizer file is missing, unreadable or not a valid model. */
public class ModelLoadException extends TesseraException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
