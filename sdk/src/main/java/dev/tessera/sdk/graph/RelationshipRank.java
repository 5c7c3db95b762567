package dev.tessera.sdk.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which relationships of a type come first among equals, as the graph declares it ({@code rank_by} in
 * {@code relationship-types.jsonl}): by a property's listed values ({@code "frequency"}: common before occasional) or
 * by its number ({@code "percent"}, largest first when {@code descending}). The loader stores each relationship's rank
 * ({@link #of}), and the retriever walks the better ranked first, so "What are the symptoms of COVID-19?" states the
 * common symptoms before the occasional ones rather than in id order. Lower ranks come first.
 *
 * @param property   the relationship property ranked by
 * @param values     its values, best first; empty to rank by number
 * @param descending when ranking by number, larger first
 */
record RelationshipRank(String property, List<String> values, boolean descending) {

    /** The property the loader stores each relationship's rank in. */
    static final String RANK_PROPERTY = "rank";

    RelationshipRank {
        Objects.requireNonNull(property, "property");
        values = List.copyOf(values);
    }

    /**
     * The rank of a relationship with these properties; a value the declaration does not list, or no value, ranks
     * after every listed one (null when ranking by a number the relationship does not have: it is walked last).
     */
    Double of(Map<String, Object> properties) {
        Object value = properties.get(property);
        if (!values.isEmpty()) {
            int index = value == null ? -1 : values.indexOf(value.toString());
            return (double) (index < 0 ? values.size() : index);
        }
        if (value instanceof Number n) {
            return descending ? -n.doubleValue() : n.doubleValue();
        }
        return null;
    }
}
