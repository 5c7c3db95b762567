package dev.tessera.sdk;

/** ONNX Runtime failed while running a model that had loaded successfully. */
public class InferenceException extends TesseraException {
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
