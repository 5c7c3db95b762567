package dev.tessera.sdk.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bounded, uniform sample (reservoir sampling, Algorithm R) of every example a model lineage has trained on.
 * Retraining on it next to new feedback is what keeps a head from forgetting. Immutable: {@link #offer} returns a
 * new buffer. The random choice for the n-th example is derived from (seed, n), so a buffer rebuilt after a crash
 * from the same inputs is identical, and the snapshot needs no random-generator state.
 */
public final class ReplayBuffer {

    private final ExampleSet examples;
    private final int capacity;
    private final long seen;
    private final long seed;

    public ReplayBuffer(ExampleSet examples, int capacity, long seen, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        if (examples.size() > capacity || seen < examples.size()) {
            throw new IllegalArgumentException("replay buffer holds " + examples.size() + " of " + seen
                    + " seen examples with capacity " + capacity);
        }
        this.examples = examples;
        this.capacity = capacity;
        this.seen = seen;
        this.seed = seed;
    }

    public static ReplayBuffer empty(List<String> labels, int dimension, int capacity, long seed) {
        return new ReplayBuffer(ExampleSet.empty(labels, dimension), capacity, 0, seed);
    }

    public ReplayBuffer offer(ExampleSet incoming) {
        examples.requireCompatible(incoming);
        List<float[]> vectors = new ArrayList<>(examples.size() + incoming.size());
        List<Integer> targets = new ArrayList<>(examples.size() + incoming.size());
        for (int i = 0; i < examples.size(); i++) {
            vectors.add(examples.vector(i));
            targets.add(examples.target(i));
        }
        long n = seen;
        for (int i = 0; i < incoming.size(); i++) {
            if (vectors.size() < capacity) {
                vectors.add(incoming.vector(i));
                targets.add(incoming.target(i));
            } else {
                long j = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n).nextLong(n + 1);
                if (j < capacity) {
                    vectors.set((int) j, incoming.vector(i));
                    targets.set((int) j, incoming.target(i));
                }
            }
            n++;
        }
        int[] t = targets.stream().mapToInt(Integer::intValue).toArray();
        return new ReplayBuffer(new ExampleSet(examples.labels(), examples.dimension(), vectors, t), capacity, n, seed);
    }

    public ExampleSet examples() {
        return examples;
    }

    public int capacity() {
        return capacity;
    }

    /** How many examples were ever offered. */
    public long seen() {
        return seen;
    }

    public long seed() {
        return seed;
    }
}
