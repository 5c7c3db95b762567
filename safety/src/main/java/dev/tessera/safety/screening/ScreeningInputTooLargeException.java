package dev.tessera.safety.screening;

import dev.tessera.sdk.TesseraException;

/** The text to screen is longer than the configured bound; it is rejected rather than partly screened. */
public class ScreeningInputTooLargeException extends TesseraException {

    private final int length;
    private final int limit;

    public ScreeningInputTooLargeException(int length, int limit) {
        super("Input of " + length + " characters exceeds the screening limit of " + limit + " characters");
        this.length = length;
        this.limit = limit;
    }

    public int length() {
        return length;
    }

    public int limit() {
        return limit;
    }
}
