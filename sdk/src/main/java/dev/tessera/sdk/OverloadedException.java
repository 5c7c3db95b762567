package dev.tessera.sdk;

/**
 * The request was refused because a bounded queue is full. Retrying later (with back-off) is safe;
 * the SDK never grows memory without limit to absorb overload.
 */
public class OverloadedException extends TesseraException {
    public OverloadedException(String message) {
        super(message);
    }
}
