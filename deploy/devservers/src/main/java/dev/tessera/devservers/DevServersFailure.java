package dev.tessera.devservers;

/** A failure whose message is meant for the person at the terminal: printed as is, without a stack trace. */
final class DevServersFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DevServersFailure(String message) {
        super(message);
    }

    DevServersFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
