package dev.tessera.safety.pii;

/** What {@link PiiScanner} does with each finding in the text it returns. */
public enum PiiAction {
    /** Replace with the type in brackets: {@code [EMAIL_ADDRESS]}. */
    REDACT,
    /**
     * Numbers keep their last four characters and separators ({@code **** **** **** 1111}); anything else is {@code
     * ****}.
     */
    MASK,
    /**
     * Replace with a keyed HMAC-SHA256 of the value, shortened to 16 hex digits: {@code [PERSON:3f2a9c01d4e5b6a7]}. The
     * same value under the same secret always gives the same hash, so records stay joinable without the value.
     */
    HASH,
    /**
     * Replace with a reversible token from a {@link PseudonymVault}: {@code <PERSON_1>}; see {@link
     * PiiScanner#restore}.
     */
    PSEUDONYMISE
}
