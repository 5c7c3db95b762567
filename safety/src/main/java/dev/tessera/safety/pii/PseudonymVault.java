package dev.tessera.safety.pii;

import java.util.Optional;

/**
 * Holds the originals behind pseudonyms. Whoever holds the vault can restore them, so it stays with the authorised
 * caller (typically one vault per conversation or request) and never travels with the pseudonymised text.
 */
public interface PseudonymVault {

    /** The token for {@code value}: the same value of the same type gets the same token from one vault. */
    String pseudonym(PiiType type, String value);

    /** The original behind a token this vault issued; empty for anything else. */
    Optional<String> original(String pseudonym);
}
