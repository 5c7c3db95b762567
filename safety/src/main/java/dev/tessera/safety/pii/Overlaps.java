package dev.tessera.safety.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deterministic overlap resolution: a checksum-validated finding beats an unvalidated one, then the longer span
 * wins, then the higher score, then the more specific type ({@link PiiType} order), then the earlier start. Winners
 * are taken greedily in that order; anything overlapping a winner is dropped.
 */
final class Overlaps {

    static final Comparator<PiiFinding> PRECEDENCE = Comparator
            .comparing(PiiFinding::validated).reversed()
            .thenComparing(Comparator.comparingInt(PiiFinding::length).reversed())
            .thenComparing(Comparator.comparingDouble(PiiFinding::score).reversed())
            .thenComparing(PiiFinding::type)
            .thenComparingInt(PiiFinding::start)
            .thenComparing(PiiFinding::recognizer);

    private Overlaps() {
    }

    /** Non-overlapping winners, sorted by start. O(n log n), so a megabyte of candidates stays cheap. */
    static List<PiiFinding> resolve(List<PiiFinding> findings) {
        if (findings.size() < 2) {
            return List.copyOf(findings);
        }
        List<PiiFinding> ranked = new ArrayList<>(findings);
        ranked.sort(PRECEDENCE);
        TreeMap<Integer, PiiFinding> kept = new TreeMap<>();
        for (PiiFinding f : ranked) {
            Map.Entry<Integer, PiiFinding> before = kept.floorEntry(f.start());
            Map.Entry<Integer, PiiFinding> after = kept.ceilingEntry(f.start());
            if ((before == null || before.getValue().end() <= f.start()) && (after == null || after.getKey() >= f.end())) {
                kept.put(f.start(), f);
            }
        }
        return List.copyOf(kept.values());
    }
}
