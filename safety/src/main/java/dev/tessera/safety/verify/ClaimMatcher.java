package dev.tessera.safety.verify;

import dev.tessera.sdk.graph.EvidencePath;
import dev.tessera.sdk.graph.PathNode;
import dev.tessera.sdk.graph.PathStep;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Exact check of structured claims against evidence paths. No similarity here: a claim is supported only by a
 * relationship of the same type between the same two entities, pointing the same way. A path walks relationships
 * in either direction, so each step is turned back into its stored form before comparing.
 */
public final class ClaimMatcher {

    private ClaimMatcher() {
    }

    /** The first step, in path order, that states the claim; empty when none does. */
    public static Optional<ClaimSupport> find(Claim claim, List<EvidencePath> paths) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(paths, "paths");
        for (EvidencePath path : paths) {
            for (PathStep step : path.steps()) {
                if (states(step, claim)) {
                    return Optional.of(new ClaimSupport(path, step));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean states(PathStep step, Claim claim) {
        if (!step.type().equalsIgnoreCase(claim.relation().strip())) {
            return false;
        }
        return names(step.subject(), claim.subject()) && names(step.object(), claim.object());
    }

    /**
     * Ids are exact; names, English or Chinese, ignore case, width (NFKC) and runs of whitespace, which models vary
     * freely.
     */
    private static boolean names(PathNode node, String mention) {
        String said = normalise(mention);
        return node.id().equals(mention.strip()) || normalise(node.name()).equals(said)
                || (!node.nameZh().isBlank() && normalise(node.nameZh()).equals(said));
    }

    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
