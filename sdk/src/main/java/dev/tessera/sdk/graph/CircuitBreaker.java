package dev.tessera.sdk.graph;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a dependency that keeps failing, so callers get an answer at once instead of waiting out a timeout
 * each, and the dependency is not hammered while it recovers.
 *
 * <ul>
 *   <li><b>closed</b>: calls pass; {@code failureThreshold} consecutive failures open the breaker.</li>
 *   <li><b>open</b>: calls are refused ({@link #tryAcquire} returns false) for {@code openDuration}.</li>
 *   <li><b>half-open</b>: after that, one call at a time is let through as a probe; its success closes the breaker,
 *       its failure opens it for another {@code openDuration}.</li>
 * </ul>
 *
 * Recovery needs no timer thread: the first call after the open duration is the probe. A probe whose outcome is never
 * reported (its caller died) stops blocking others after one more open duration. Thread-safe.
 *
 * <p>Every admitted call must report {@link #onSuccess} or {@link #onFailure}. Report success whenever the dependency
 * answered, even with an error of the caller's making: the breaker tracks the dependency's health, not the caller's.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final String name;
    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean probeInFlight;
    private long probeStartedAt;

    public CircuitBreaker(String name, int failureThreshold, Duration openDuration) {
        this(name, failureThreshold, openDuration, System::nanoTime);
    }

    /** With the clock that tests turn by hand. */
    CircuitBreaker(String name, int failureThreshold, Duration openDuration, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be >= 1, was " + failureThreshold);
        }
        if (openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException("openDuration must be positive, was " + openDuration);
        }
        this.name = name;
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether a call may go ahead now; when true, its outcome must be reported. */
    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (now - openedAt < openNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                return startProbe(now);
            case HALF_OPEN:
                if (probeInFlight && now - probeStartedAt < openNanos) {
                    return false;
                }
                return startProbe(now);
            default:
                throw new IllegalStateException(state.name());
        }
    }

    public synchronized void onSuccess() {
        if (state == State.OPEN) {
            return; // A call admitted before the breaker opened; only a probe may close it.
        }
        if (state == State.HALF_OPEN) {
            LOG.info("Circuit breaker '{}' closed: the probe succeeded", name);
        }
        state = State.CLOSED;
        consecutiveFailures = 0;
        probeInFlight = false;
    }

    public synchronized void onFailure() {
        long now = nanoClock.getAsLong();
        switch (state) {
            case CLOSED:
                consecutiveFailures++;
                if (consecutiveFailures >= failureThreshold) {
                    LOG.warn("Circuit breaker '{}' opened after {} consecutive failures; next probe in {} ms", name,
                            consecutiveFailures, openNanos / 1_000_000);
                    open(now);
                }
                break;
            case HALF_OPEN:
                open(now);
                LOG.warn("Circuit breaker '{}' re-opened: the probe failed; next probe in {} ms", name,
                        openNanos / 1_000_000);
                break;
            case OPEN:
                break; // A call admitted before the breaker opened; the open period already runs.
            default:
                throw new IllegalStateException(state.name());
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Time until an open breaker lets a probe through; zero unless open. */
    public synchronized Duration untilProbe() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, openNanos - (nanoClock.getAsLong() - openedAt)));
    }

    private boolean startProbe(long now) {
        probeInFlight = true;
        probeStartedAt = now;
        return true;
    }

    private void open(long now) {
        state = State.OPEN;
        openedAt = now;
        probeInFlight = false;
        consecutiveFailures = 0;
    }
}
