package io.switchboard.aggregate;

import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Read-your-writes across instances: before a read, ask the broker where the state topic ends (see
 * {@link CommittedEnds} for why its high watermark) and wait until this instance's {@link AggregateStore} has read that
 * far, committed records only. A write is answered only after its transaction committed, so whatever was answered
 * before the read began is seen.
 * Concurrent reads share one offsets request ({@link CommittedEnds}), and no thread waits: {@link #ready}
 * completes from the admin client's and the store reader's threads.
 */
public final class ReadBarrier implements Barrier {

    private final AggregateStore<?> store;
    private final CommittedEnds committed;

    ReadBarrier(Admin admin, AggregateStore<?> store, String topic) {
        this.store = store;
        this.committed = new CommittedEnds(admin, List.of(topic));
    }

    /** Completes with true once the store holds every committed state, false if it could not within timeout. */
    @Override
    public CompletableFuture<Boolean> ready(Duration timeout) {
        long started = System.nanoTime();
        return committed.ask(timeout).thenCompose(ends -> {
            Map<Integer, Long> offsets = ends.entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
            Duration left = timeout.minusNanos(System.nanoTime() - started);
            return store.whenReached(offsets, left.isNegative() ? Duration.ZERO : left);
        }).completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> false);
    }

    @Override
    public Duration unanswered() {
        return committed.unanswered();
    }

    /** Waits until the store holds every committed state; false if it could not within {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            return ready(timeout).get();
        } catch (ExecutionException e) {
            return false;
        }
    }
}
