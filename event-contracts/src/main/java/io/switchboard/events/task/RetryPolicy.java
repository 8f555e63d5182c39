package io.switchboard.events.task;

import java.time.Duration;

/**
 * How often a task may be attempted, and how long a failed attempt waits before it is offered again.
 * The wait doubles with every attempt: backoff, 2 x backoff, 4 x backoff, ...
 */
public record RetryPolicy(int maxAttempts, Duration backoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        backoff = backoff == null ? Duration.ZERO : backoff;
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    public Duration backoffBeforeAttempt(int nextAttempt) {
        int doublings = Math.max(0, Math.min(nextAttempt - 2, 20));
        return backoff.multipliedBy(1L << doublings);
    }
}
