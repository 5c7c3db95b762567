package dev.tessera.sdk.graph;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An entity found in free text.
 *
 * @param id        the entity's id, e.g. {@code medical:symptom:fever}
 * @param labels    its own labels, e.g. {@code [Symptom]} ({@code Entity} and the domain label left out)
 * @param name      its English name
 * @param score     reciprocal-rank fusion of the full-text, vector and named rankings, scaled to (0, 1]: 1 when all
 *                  three rank it first; with the default name weight, 2/3 when the two searches rank it first and the
 *                  text does not name it, 1/3 when one ranks it first and nothing else finds it; only comparable
 *                  within one call
 * @param similarity cosine similarity in [-1, 1] of the text's embedding and the entity's, by the encoder of the
 *                  text's script as the vector search uses it ({@code embedding_en} or {@code embedding_zh}); unlike
 *                  {@code score}, comparable across calls, so a floor on it tells an entity the text is about from
 *                  the nearest of the graph's entities to a text about something else ({@link
 *                  EvidenceQuery#withMinSimilarity}); {@code NaN} when the entity has no such embedding
 * @param matchedBy which rankings found it
 * @param mention   the longest of its names or aliases the text holds, as {@link Match#NAME} compares them (lower
 *                  case, each run of punctuation and spaces one space; a Chinese name as written); empty when the
 *                  text does not name it
 */
public record LinkedEntity(String id, List<String> labels, String name, double score, double similarity,
                           Set<Match> matchedBy, String mention) {

    /** The rankings that link text to entities. */
    public enum Match {
        /** Names and aliases (English and Chinese), Lucene full-text. */
        FULLTEXT,
        /** Embedding similarity, on the English or Chinese vector index by the text's script. */
        VECTOR,
        /** Named in the text: a name or alias appears in it as whole words (Chinese: as a substring). */
        NAME
    }

    public LinkedEntity {
        Objects.requireNonNull(id, "id");
        labels = List.copyOf(labels);
        Objects.requireNonNull(name, "name");
        matchedBy = Set.copyOf(matchedBy);
        Objects.requireNonNull(mention, "mention");
    }

    /** An entity the text does not name. */
    public LinkedEntity(String id, List<String> labels, String name, double score, double similarity,
                        Set<Match> matchedBy) {
        this(id, labels, name, score, similarity, matchedBy, "");
    }

    /** Whether the text names it outright. */
    public boolean named() {
        return !mention.isEmpty();
    }
}
