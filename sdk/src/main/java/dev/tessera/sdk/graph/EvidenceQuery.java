package dev.tessera.sdk.graph;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What {@link GraphRetriever#evidence} looks for.
 *
 * @param k                      entities to link from the text, the paths' starting points (1..20)
 * @param hops                   longest path, in relationships (1..3)
 * @param relationshipTypes      types a path may use, each matching {@code ^[A-Z][A-Z0-9_]*$}; empty means any type
 * @param maxPaths               paths returned at most (1..100), best first
 * @param minSimilarityEnglish   the least {@linkplain LinkedEntity#similarity similarity} an entity the text does not
 *                               name needs to be linked from a text searched with the English encoder, in [-1, 1];
 *                               {@code NaN} for no floor
 * @param minSimilarityChinese   the same for a text searched with the Chinese encoder (one holding Han characters):
 *                               its own number, since the two encoders spread their cosines differently
 * @throws IllegalArgumentException for any value out of range or an invalid relationship type
 */
public record EvidenceQuery(int k, int hops, Set<String> relationshipTypes, int maxPaths, double minSimilarityEnglish,
                            double minSimilarityChinese) {

    /**
     * The floors recommended with the default encoders, and the services' defaults: all-MiniLM-L6-v2 int8 over
     * "name. description", bge-small-zh-v1.5 over "Chinese names。Chinese description" ({@link GraphLoader}). Chosen on
     * the dev split of the shipped graphs' relevance questions ({@code tessera eval linking --sweep};
     * docs/evaluation/entity-linking.md). {@link #defaults()} has no floor; another encoder needs its own.
     */
    public static final double RECOMMENDED_MIN_SIMILARITY_ENGLISH = 0.40;
    public static final double RECOMMENDED_MIN_SIMILARITY_CHINESE = 0.55;
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
        checkFloor("minSimilarityEnglish", minSimilarityEnglish);
        checkFloor("minSimilarityChinese", minSimilarityChinese);
    }

    /** Any relationship type, no similarity floor. */
    public EvidenceQuery(int k, int hops, Set<String> relationshipTypes, int maxPaths) {
        this(k, hops, relationshipTypes, maxPaths, Double.NaN, Double.NaN);
    }

    /** Three entities, two hops, any relationship type, ten paths, no similarity floor. */
    public static EvidenceQuery defaults() {
        return new EvidenceQuery(3, 2, Set.of(), 10);
    }

    public EvidenceQuery withK(int entities) {
        return new EvidenceQuery(entities, hops, relationshipTypes, maxPaths, minSimilarityEnglish,
                minSimilarityChinese);
    }

    public EvidenceQuery withHops(int n) {
        return new EvidenceQuery(k, n, relationshipTypes, maxPaths, minSimilarityEnglish, minSimilarityChinese);
    }

    /** Only these relationship types; none means any. */
    public EvidenceQuery withRelationshipTypes(String... types) {
        return new EvidenceQuery(k, hops, Set.copyOf(Arrays.asList(types)), maxPaths, minSimilarityEnglish,
                minSimilarityChinese);
    }

    public EvidenceQuery withMaxPaths(int n) {
        return new EvidenceQuery(k, hops, relationshipTypes, n, minSimilarityEnglish, minSimilarityChinese);
    }

    /**
     * Links only entities the text names outright or whose similarity to it reaches the floor of its encoder, so a
     * text about something the graph does not hold links nothing rather than the nearest entities; {@code NaN} for no
     * floor.
     */
    public EvidenceQuery withMinSimilarity(double english, double chinese) {
        return new EvidenceQuery(k, hops, relationshipTypes, maxPaths, english, chinese);
    }

    /** The floor for a text searched with the Chinese encoder ({@code han}) or the English one; empty for none. */
    OptionalDouble minSimilarity(boolean han) {
        double floor = han ? minSimilarityChinese : minSimilarityEnglish;
        return Double.isNaN(floor) ? OptionalDouble.empty() : OptionalDouble.of(floor);
    }

    private static void checkFloor(String name, double floor) {
        if (!Double.isNaN(floor) && (floor < -1 || floor > 1)) {
            throw new IllegalArgumentException(name + " must be in [-1, 1] or NaN for none, was " + floor);
        }
    }
}
