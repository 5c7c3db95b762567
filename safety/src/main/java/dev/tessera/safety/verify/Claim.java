package dev.tessera.safety.verify;

import java.util.Objects;

/**
 * One structured fact an answer asserts, e.g. {@code Malaria HAS_SYMPTOM Fever}. It reads in the stored direction of
 * the relationship: {@code (subject)-[relation]->(object)}.
 *
 * @param subject  entity name or id at the tail of the arrow
 * @param relation relationship type, e.g. {@code HAS_SYMPTOM}; compared case-insensitively
 * @param object   entity name or id at the head of the arrow
 */
public record Claim(String subject, String relation, String object) {

    public Claim {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(object, "object");
    }

    /** E.g. {@code Malaria -[HAS_SYMPTOM]-> Fever}, the graph's own arrow notation. */
    @Override
    public String toString() {
        return subject + " -[" + relation + "]-> " + object;
    }
}
