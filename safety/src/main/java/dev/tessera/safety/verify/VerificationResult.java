package dev.tessera.safety.verify;

import dev.tessera.safety.verify.VerificationCheck.Kind;
import dev.tessera.safety.verify.VerificationCheck.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Layer 3's answer for one model answer.
 *
 * @param groundingScore mean score over the sentences that were checked; empty when none was (every sentence a
 *                       disclaimer), because "nothing checked" must not read as "fully grounded"
 * @param checks         one entry per sentence in answer order, then one per claim in the caller's order
 * @param text           the answer with unsupported sentences removed or flagged, per {@link #mode}
 * @param mode           how {@link #text} treated unsupported sentences
 */
public record VerificationResult(OptionalDouble groundingScore, List<VerificationCheck> checks, String text,
                                 VerificationMode mode) {

    public VerificationResult {
        Objects.requireNonNull(groundingScore, "groundingScore");
        checks = List.copyOf(checks);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
    }

    public List<VerificationCheck> sentenceChecks() {
        return checks.stream().filter(c -> c.kind() == Kind.SENTENCE).toList();
    }

    public List<VerificationCheck> claimChecks() {
        return checks.stream().filter(c -> c.kind() == Kind.CLAIM).toList();
    }

    /** Claims no evidence path states; a non-empty list means the answer asserts a fact the graph does not hold. */
    public List<VerificationCheck> unsupportedClaims() {
        return claimChecks().stream().filter(c -> c.verdict() == Verdict.UNSUPPORTED).toList();
    }

    public List<VerificationCheck> unsupportedSentences() {
        return sentenceChecks().stream().filter(c -> c.verdict() == Verdict.UNSUPPORTED).toList();
    }

    /** True when every structured claim matched a fact exactly (vacuously true without claims). */
    public boolean allClaimsSupported() {
        return unsupportedClaims().isEmpty();
    }

    /** True when no checked sentence fell below the threshold. */
    public boolean allSentencesSupported() {
        return unsupportedSentences().isEmpty();
    }
}
