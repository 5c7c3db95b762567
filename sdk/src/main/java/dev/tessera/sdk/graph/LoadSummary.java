package dev.tessera.sdk.graph;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one {@link GraphLoader#load} wrote. Loading is a merge, so these are the file's counts whether the graph was
 * empty or already loaded.
 *
 * @param domain              the domain loaded
 * @param nodes               nodes merged
 * @param relationships       relationships merged
 * @param nodesByLabel        nodes per entity label, sorted by label
 * @param relationshipsByType relationships per type, sorted by type
 * @param seconds             wall time of the load, embedding included
 */
public record LoadSummary(String domain, int nodes, int relationships, Map<String, Integer> nodesByLabel,
                          Map<String, Integer> relationshipsByType, double seconds) {

    public LoadSummary {
        Objects.requireNonNull(domain, "domain");
        nodesByLabel = Collections.unmodifiableMap(new TreeMap<>(nodesByLabel));
        relationshipsByType = Collections.unmodifiableMap(new TreeMap<>(relationshipsByType));
    }
}
