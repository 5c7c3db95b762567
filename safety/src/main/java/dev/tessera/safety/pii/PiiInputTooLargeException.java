package dev.tessera.safety.pii;

import dev.tessera.sdk.InvalidInputException;

/** The text exceeds the scanner's size limit; it was not scanned. Bounded work per request is a safety property. */
public final class PiiInputTooLargeException extends InvalidInputException {

    private final long limitBytes;

    public PiiInputTooLargeException(long limitBytes) {
        super("text exceeds the PII scanner limit of " + limitBytes + " UTF-8 bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
