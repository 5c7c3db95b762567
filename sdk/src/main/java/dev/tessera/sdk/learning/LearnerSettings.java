package dev.tessera.sdk.learning;

import java.time.Duration;
import java.util.Objects;

/**
 * Every learner setting, declared once with its default. Build with {@link #builder()}; each setter documents and
 * validates its setting.
 */
public final class LearnerSettings {

    private final int roundSize;
    private final Duration linger;
    private final int maxPending;
    private final Duration pollTimeout;
    private final int replayCapacity;
    private final int feedbackRepeat;
    private final int epochs;
    private final double learningRate;
    private final long seed;
    private final PromotionGate gate;
    private final int topicPartitions;
    private final short replicationFactor;
    private final String source;

    private LearnerSettings(Builder b) {
        this.roundSize = b.roundSize;
        this.linger = b.linger;
        this.maxPending = b.maxPending;
        this.pollTimeout = b.pollTimeout;
        this.replayCapacity = b.replayCapacity;
        this.feedbackRepeat = b.feedbackRepeat;
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.seed = b.seed;
        this.gate = b.gate;
        this.topicPartitions = b.topicPartitions;
        this.replicationFactor = b.replicationFactor;
        this.source = b.source;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static LearnerSettings defaults() {
        return builder().build();
    }

    public int roundSize() {
        return roundSize;
    }

    public Duration linger() {
        return linger;
    }

    public int maxPending() {
        return maxPending;
    }

    public Duration pollTimeout() {
        return pollTimeout;
    }

    public int replayCapacity() {
        return replayCapacity;
    }

    public int feedbackRepeat() {
        return feedbackRepeat;
    }

    public int epochs() {
        return epochs;
    }

    public double learningRate() {
        return learningRate;
    }

    public long seed() {
        return seed;
    }

    public PromotionGate gate() {
        return gate;
    }

    public int topicPartitions() {
        return topicPartitions;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    public String source() {
        return source;
    }

    public static final class Builder {
        private int roundSize = 256;
        private Duration linger = Duration.ofMillis(300);
        private int maxPending = 4096;
        private Duration pollTimeout = Duration.ofMillis(50);
        private int replayCapacity = 2000;
        private int feedbackRepeat = 4;
        private int epochs = 8;
        private double learningRate = 0.01;
        private long seed = 42;
        private PromotionGate gate = PromotionGate.defaults();
        private int topicPartitions = 3;
        private short replicationFactor = 1;
        private String source = "/tessera/learner";

        /** Pending feedback events that start a training round at once. Default 256. */
        public Builder roundSize(int v) {
            this.roundSize = positive("roundSize", v);
            return this;
        }

        /** Longest time a feedback event waits for its round; bounds feedback-to-serving latency. Default 300 ms. */
        public Builder linger(Duration v) {
            this.linger = nonNegative("linger", v);
            return this;
        }

        /** Hard bound on events held in memory; reaching it forces a round, so memory stays bounded. Default 4096. */
        public Builder maxPending(int v) {
            this.maxPending = positive("maxPending", v);
            return this;
        }

        /** Longest a poll blocks; bounds shutdown and linger checks. Default 50 ms. */
        public Builder pollTimeout(Duration v) {
            this.pollTimeout = nonNegative("pollTimeout", v);
            return this;
        }

        /** Examples kept per model lineage for replay (reservoir). Default 2000. */
        public Builder replayCapacity(int v) {
            this.replayCapacity = positive("replayCapacity", v);
            return this;
        }

        /** How many times each new correction appears in a round's training data next to the replay sample. Default 4. */
        public Builder feedbackRepeat(int v) {
            this.feedbackRepeat = positive("feedbackRepeat", v);
            return this;
        }

        /** Warm-start training epochs per round. Default 8. */
        public Builder epochs(int v) {
            this.epochs = positive("epochs", v);
            return this;
        }

        /** Adam learning rate of a round. Default 0.01. */
        public Builder learningRate(double v) {
            if (!(v > 0 && v < 1)) {
                throw new IllegalArgumentException("learningRate must be in (0, 1)");
            }
            this.learningRate = v;
            return this;
        }

        /** Seed of training shuffles and the replay reservoir; rounds are reproducible. Default 42. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** The promotion gate. Default {@link PromotionGate#defaults()}. */
        public Builder gate(PromotionGate v) {
            this.gate = Objects.requireNonNull(v, "gate");
            return this;
        }

        /** Partitions of topics the learner creates when they are missing. Default 3. */
        public Builder topicPartitions(int v) {
            this.topicPartitions = positive("topicPartitions", v);
            return this;
        }

        /** Replication factor of topics the learner creates when missing (use 3 in production). Default 1. */
        public Builder replicationFactor(int v) {
            this.replicationFactor = (short) positive("replicationFactor", v);
            return this;
        }

        /** CloudEvents {@code source} of the learner's events. Default {@code /tessera/learner}. */
        public Builder source(String v) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("source must not be blank");
            }
            this.source = v;
            return this;
        }

        public LearnerSettings build() {
            return new LearnerSettings(this);
        }

        private static int positive(String name, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + v);
            }
            return v;
        }

        private static Duration nonNegative(String name, Duration v) {
            if (v == null || v.isNegative()) {
                throw new IllegalArgumentException(name + " must be a non-negative duration");
            }
            return v;
        }
    }
}
