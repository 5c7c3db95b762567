package dev.tessera.safety.verify;

/** What happens to a sentence no evidence supports. */
public enum VerificationMode {
    /** Dropped from the verified text; the user sees only grounded sentences. */
    REMOVE,
    /** Kept with a marker (default {@code " [unverified]"}), for readers who want to see what was not backed. */
    FLAG
}
