package dev.tessera.sdk.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@link GraphRetriever#evidence}: paths, or the reason there are none because the graph could not be
 * asked. Callers carry on without graph context when it is {@link Status#UNAVAILABLE}.
 *
 * @param status   whether the graph answered
 * @param reason   why it did not (Neo4j down, timed out, circuit open, refused the query); empty when available.
 *                 Never contains the caller's text
 * @param entities the entities linked from the text, best first; empty when unavailable
 * @param paths    evidence paths, best first; empty when unavailable or when nothing was linked
 */
public record Evidence(Status status, String reason, List<LinkedEntity> entities, List<EvidencePath> paths) {

    public enum Status {
        AVAILABLE, UNAVAILABLE
    }

    public Evidence {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        entities = List.copyOf(entities);
        paths = List.copyOf(paths);
    }

    static Evidence available(List<LinkedEntity> entities, List<EvidencePath> paths) {
        return new Evidence(Status.AVAILABLE, "", entities, paths);
    }

    static Evidence unavailable(String reason) {
        return new Evidence(Status.UNAVAILABLE, reason, List.of(), List.of());
    }

    public boolean isAvailable() {
        return status == Status.AVAILABLE;
    }

    /** The linked entities the text names outright ({@link LinkedEntity#named}), best first. */
    public List<LinkedEntity> named() {
        return entities.stream().filter(LinkedEntity::named).toList();
    }

    /**
     * The named entities the text is about: those whose mention is not only part of a longer mention of another, so
     * "Is chest pain with sweating an emergency?" is about the red flag named in full, not the symptom "chest pain"
     * inside it. Best first.
     *
     * @param text the text these entities were linked from
     */
    public List<LinkedEntity> namedOutright(String text) {
        Objects.requireNonNull(text, "text");
        List<LinkedEntity> named = named();
        List<LinkedEntity> outright = new ArrayList<>(named.size());
        for (LinkedEntity e : named) {
            List<String> longer = named.stream().map(LinkedEntity::mention)
                    .filter(m -> m.length() > e.mention().length() && EntityMentions.holds(m, e.mention())).toList();
            if (longer.isEmpty() || EntityMentions.holds(EntityMentions.replaced(text, longer, "|"), e.mention())) {
                outright.add(e);
            }
        }
        return outright;
    }

    /**
     * The text these entities were linked from, in the form names are compared in (lower case, punctuation as single
     * spaces), with every named entity's mention replaced by {@code placeholder}: "What are the symptoms of malaria?"
     * becomes "what are the symptoms of it", what the question asks without what it asks about.
     */
    public String withoutMentions(String text, String placeholder) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(placeholder, "placeholder");
        return EntityMentions.replaced(text, named().stream().map(LinkedEntity::mention).toList(), placeholder);
    }
}
