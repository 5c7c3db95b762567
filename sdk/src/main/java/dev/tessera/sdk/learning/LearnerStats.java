package dev.tessera.sdk.learning;

/**
 * Counters of one learner since it started.
 *
 * @param ingested     feedback events accepted into a round
 * @param deadLettered events sent to the dead-letter topic
 * @param rounds       training rounds committed
 * @param promoted     candidates promoted
 * @param rejected     candidates rejected by the gate
 */
public record LearnerStats(long ingested, long deadLettered, long rounds, long promoted, long rejected) {
}
