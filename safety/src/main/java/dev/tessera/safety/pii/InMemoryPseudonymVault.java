package dev.tessera.safety.pii;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link PseudonymVault} in a map, numbering tokens per type ({@code <PERSON_1>}, {@code <PERSON_2>}). Thread-safe.
 */
public final class InMemoryPseudonymVault implements PseudonymVault {

    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byToken = new HashMap<>();
    private final Map<PiiType, Integer> counters = new EnumMap<>(PiiType.class);

    @Override
    public synchronized String pseudonym(PiiType type, String value) {
        return byValue.computeIfAbsent(type.name() + '\u0000' + value, k -> {
            int n = counters.merge(type, 1, Integer::sum);
            String token = "<" + type.name() + "_" + n + ">";
            byToken.put(token, value);
            return token;
        });
    }

    @Override
    public synchronized Optional<String> original(String pseudonym) {
        return Optional.ofNullable(byToken.get(pseudonym));
    }

    public synchronized int size() {
        return byToken.size();
    }

    /** Counts only: the values stay out of anything that might be logged. */
    @Override
    public synchronized String toString() {
        return "InMemoryPseudonymVault[" + byToken.size() + " pseudonyms]";
    }
}
