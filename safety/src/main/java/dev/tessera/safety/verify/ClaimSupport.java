package dev.tessera.safety.verify;

import dev.tessera.sdk.graph.EvidencePath;
import dev.tessera.sdk.graph.PathStep;
import java.util.Objects;

/**
 * The evidence that backs one {@link Claim}.
 *
 * @param path the path holding the fact
 * @param step the relationship on that path that states it
 */
public record ClaimSupport(EvidencePath path, PathStep step) {

    public ClaimSupport {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(step, "step");
    }

    /** The whole path as the model saw it, so a reader can check the fact in context. */
    public String citation() {
        return path.citation();
    }

    /** Where the fact itself was loaded from, e.g. {@code NHS: Malaria}. */
    public String source() {
        return step.source();
    }
}
