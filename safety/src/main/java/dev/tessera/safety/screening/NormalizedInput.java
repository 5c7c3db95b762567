package dev.tessera.safety.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A text after {@link TextNormalizer}: the normalised text itself plus every embedded payload (base64, hex) that
 * decoded to readable text, each normalised too.
 *
 * @param text            the normalised input
 * @param decodedPayloads decoded payloads, in order of appearance; empty when there were none
 */
public record NormalizedInput(String text, List<String> decodedPayloads) {

    public NormalizedInput {
        Objects.requireNonNull(text, "text");
        decodedPayloads = List.copyOf(decodedPayloads);
    }

    /** Everything a screen must look at: the text first, then the payloads. */
    public List<String> segments() {
        List<String> all = new ArrayList<>(1 + decodedPayloads.size());
        all.add(text);
        all.addAll(decodedPayloads);
        return all;
    }
}
