package dev.tessera.sdk.graph;

import java.util.Objects;

/**
 * Where a text writes the name or an alias of a graph entity ({@link GraphRetriever#nameSpans}).
 *
 * @param entityId the entity's id, e.g. {@code finance:person:marek_dunstane}
 * @param start    first char, as a Java {@code char} offset into the text
 * @param end      one past the last char (exclusive)
 */
public record NameSpan(String entityId, int start, int end) {

    public NameSpan {
        Objects.requireNonNull(entityId, "entityId");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** Whether {@code [from, to)} lies inside this span. */
    public boolean covers(int from, int to) {
        return start <= from && to <= end;
    }
}
