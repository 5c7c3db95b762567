package dev.tessera.sdk.graph;

import java.util.Arrays;
import java.util.Set;

/**
 * What {@link GraphRetriever#evidence} looks for.
 *
 * @param k                 entities to link from the text, the paths' starting points (1..20)
 * @param hops              longest path, in relationships (1..3)
 * @param relationshipTypes types a path may use, each matching {@code ^[A-Z][A-Z0-9_]*$}; empty means any type
 * @param maxPaths          paths returned at most (1..100), best first
 * @throws IllegalArgumentException for any value out of range or an invalid relationship type
 */
public record EvidenceQuery(int k, int hops, Set<String> relationshipTypes, int maxPaths) {

    static final int MAX_K = 20;
    static final int MAX_PATHS = 100;

    public EvidenceQuery {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be 1.." + MAX_K + ", was " + k);
        }
        CypherNames.hops(hops);
        if (maxPaths < 1 || maxPaths > MAX_PATHS) {
            throw new IllegalArgumentException("maxPaths must be 1.." + MAX_PATHS + ", was " + maxPaths);
        }
        relationshipTypes.forEach(CypherNames::relationshipType);
        relationshipTypes = Set.copyOf(relationshipTypes);
    }

    /** Three entities, two hops, any relationship type, ten paths. */
    public static EvidenceQuery defaults() {
        return new EvidenceQuery(3, 2, Set.of(), 10);
    }

    public EvidenceQuery withK(int entities) {
        return new EvidenceQuery(entities, hops, relationshipTypes, maxPaths);
    }

    public EvidenceQuery withHops(int n) {
        return new EvidenceQuery(k, n, relationshipTypes, maxPaths);
    }

    /** Only these relationship types; none means any. */
    public EvidenceQuery withRelationshipTypes(String... types) {
        return new EvidenceQuery(k, hops, Set.copyOf(Arrays.asList(types)), maxPaths);
    }

    public EvidenceQuery withMaxPaths(int n) {
        return new EvidenceQuery(k, hops, relationshipTypes, n);
    }
}
