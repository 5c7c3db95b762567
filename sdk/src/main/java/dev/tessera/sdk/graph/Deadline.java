package dev.tessera.sdk.graph;

import java.time.Duration;

/** A point in time a call must finish by; every query of the call gets what is left of it. */
final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    /** What is left, never negative. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** Less than a millisecond left: Neo4j transaction timeouts have millisecond granularity. */
    boolean expired() {
        return remaining().toMillis() < 1;
    }
}
