package dev.tessera.sdk;

/** Two models that must work together do not fit, e.g. a head whose input size differs from the encoder's output size. */
public class IncompatibleModelException extends TesseraException {
    public IncompatibleModelException(String message) {
        super(message);
    }
}
