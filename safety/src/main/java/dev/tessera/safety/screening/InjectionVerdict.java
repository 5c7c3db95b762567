package dev.tessera.safety.screening;

/**
 * The injection screen's answer for one input.
 *
 * @param injection true when {@code score >= threshold}
 * @param score     probability of injection, the maximum over the normalised text and its decoded payloads
 * @param threshold the decision threshold in force
 * @param segment   which segment scored highest: 0 the text itself, i ≥ 1 the i-th decoded payload
 * @param truncated the deciding segment was longer than the encoder's window and only its start was scored
 */
public record InjectionVerdict(boolean injection, double score, double threshold, int segment, boolean truncated) {
}
