package dev.tessera.safety.verify;

import java.util.Objects;

/**
 * The outcome for one sentence of the answer or one structured claim.
 *
 * @param kind     a free-text sentence or a structured claim
 * @param text     the sentence as written, or the claim in arrow notation
 * @param verdict  supported, unsupported, or skipped (disclaimer or emergency message, never scored)
 * @param score    sentences: highest cosine to any passage; claims: 1 when an exact fact matches, else 0; skipped: 0
 * @param citation the best passage for a sentence, the supporting path's citation for a claim; empty when none
 * @param source   the fact's source attribution for a supported claim; empty otherwise
 */
public record VerificationCheck(Kind kind, String text, Verdict verdict, double score, String citation, String source) {

    public enum Kind {
        SENTENCE, CLAIM
    }

    public enum Verdict {
        SUPPORTED, UNSUPPORTED, SKIPPED
    }

    public VerificationCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(source, "source");
    }

    public boolean supported() {
        return verdict == Verdict.SUPPORTED;
    }
}
