package dev.tessera.safety.pii;

import java.util.List;
import java.util.Set;

/**
 * Findings that are not personal data to the caller, though a recogniser took them for it: the names a caller
 * publishes itself. A sanctions-screening service's graph names the people on its list, and a question about one of
 * them ("Is Marek Dunstane sanctioned?") cannot be answered with the name redacted; a legal graph names its cases
 * ("Hadley v Baxendale (1854) 9 Exch 341"), whose parties and years are no one's private data.
 *
 * <p>A {@link PiiScanner} built with an exemption ({@link PiiScanner.Builder#exemption}) asks it once per text that
 * has findings, leaves the exempt ones as written and audits each as ALLOW.
 */
@FunctionalInterface
public interface PiiExemption {

    /** Exempts nothing. */
    PiiExemption NONE = (text, findings) -> Set.of();

    /**
     * The findings of {@code text} that are exempt: a subset of {@code findings} (non-overlapping, sorted by start,
     * offsets into {@code text}). Must answer, not throw: an exemption that cannot tell (its graph is down) exempts
     * nothing, so the text is screened as without it.
     */
    Set<PiiFinding> exempt(String text, List<PiiFinding> findings);
}
