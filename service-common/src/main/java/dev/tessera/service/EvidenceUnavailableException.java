package dev.tessera.service;

/** The knowledge graph could not answer (not configured, down, timed out, breaker open): HTTP 503. */
public final class EvidenceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param reason why, never quoting the request */
    public EvidenceUnavailableException(String reason) {
        super(reason);
    }
}
