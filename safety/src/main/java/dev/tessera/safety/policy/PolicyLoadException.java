package dev.tessera.safety.policy;

import dev.tessera.sdk.TesseraException;

/** A policy file is missing, unreadable or invalid. The message names the file and the offending entry. */
public class PolicyLoadException extends TesseraException {

    private final String source;

    public PolicyLoadException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public PolicyLoadException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file path or classpath resource that failed. */
    public String source() {
        return source;
    }
}
