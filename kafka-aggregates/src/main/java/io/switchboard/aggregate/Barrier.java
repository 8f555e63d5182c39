package io.switchboard.aggregate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Something a read waits for before it answers, so that it sees every write answered before it began: completes
 * with true once passed, false if it could not be passed within the timeout (never exceptionally, never later).
 */
public interface Barrier {

    CompletableFuture<Boolean> ready(Duration timeout);

    /**
     * How long the broker has left this barrier's requests unanswered (zero while it answers): tells a broker that
     * cannot be reached from a store that is merely catching up.
     */
    Duration unanswered();

    /** This barrier, then {@code next}, within one timeout: a chain of views that each follow the one before. */
    default Barrier then(Barrier next) {
        Barrier first = this;
        return new Barrier() {
            @Override
            public CompletableFuture<Boolean> ready(Duration timeout) {
                long started = System.nanoTime();
                return first.ready(timeout).thenCompose(passed -> {
                    Duration left = timeout.minusNanos(System.nanoTime() - started);
                    return passed && !left.isNegative() ? next.ready(left) : CompletableFuture.completedFuture(false);
                });
            }

            @Override
            public Duration unanswered() {
                Duration a = first.unanswered();
                Duration b = next.unanswered();
                return a.compareTo(b) >= 0 ? a : b;
            }
        };
    }
}
