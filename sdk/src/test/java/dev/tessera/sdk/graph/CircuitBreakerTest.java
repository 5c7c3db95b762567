package dev.tessera.sdk.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker("test", 3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        fail(2);
        breaker.tryAcquire();
        breaker.onSuccess(); // A success in between resets the count.
        fail(2);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        fail(1);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        assertEquals(Duration.ofSeconds(10), breaker.untilProbe());
    }

    @Test
    void letsOneProbeThroughAfterTheOpenDurationAndClosesOnItsSuccess() {
        fail(3);
        advance(Duration.ofSeconds(9));
        assertFalse(breaker.tryAcquire());
        advance(Duration.ofSeconds(1));
        assertTrue(breaker.tryAcquire(), "probe");
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "a second call while the probe runs");
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aFailedProbeOpensItForAnotherFullPeriod() {
        fail(3);
        advance(Duration.ofSeconds(10));
        assertTrue(breaker.tryAcquire());
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        advance(Duration.ofSeconds(9));
        assertFalse(breaker.tryAcquire());
        advance(Duration.ofSeconds(1));
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aProbeThatNeverReportsDoesNotBlockForever() {
        fail(3);
        advance(Duration.ofSeconds(10));
        assertTrue(breaker.tryAcquire()); // Its caller dies without reporting.
        advance(Duration.ofSeconds(9));
        assertFalse(breaker.tryAcquire());
        advance(Duration.ofSeconds(1));
        assertTrue(breaker.tryAcquire(), "a new probe after one more open duration");
    }

    @Test
    void lateOutcomesOfCallsAdmittedBeforeItOpenedChangeNothing() {
        assertTrue(breaker.tryAcquire()); // admitted while closed, still running
        fail(3);
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "only a probe closes it");
        advance(Duration.ofSeconds(5));
        breaker.onFailure();
        advance(Duration.ofSeconds(5));
        assertTrue(breaker.tryAcquire(), "a late failure does not restart the open period");
    }

    @Test
    void refusesNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 1, Duration.ZERO));
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.onFailure();
        }
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }
}
