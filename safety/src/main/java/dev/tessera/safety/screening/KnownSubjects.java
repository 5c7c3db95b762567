package dev.tessera.safety.screening;

import java.util.Optional;

/**
 * What the caller of an {@link InputScreen} knows about: a service knows the entities of its knowledge graph. A text
 * that names one is one the caller can answer, and its names are the caller's own vocabulary rather than the writer's
 * words, so the screen may set a verdict the names alone provoked aside ({@link InputScreen.Builder#knownSubjects}).
 */
@FunctionalInterface
public interface KnownSubjects {

    /** Knows nothing: no verdict is reconsidered. */
    KnownSubjects NONE = text -> Optional.empty();

    /**
     * The text with the names of the subjects it names replaced where they stand by neutral words ("it", "它"), case
     * and punctuation kept; empty when it names none. Given the text with its PII already replaced. Must answer
     * empty, not throw, when it cannot tell (the graph is down).
     */
    Optional<String> withoutNames(String redactedText);
}
