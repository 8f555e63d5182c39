package io.switchboard.aggregate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How many aggregates of a store fall in each group (tasks by status and priority, say), for gauges: counted from
 * the store itself, so the numbers are those of Kafka's state as this instance has read it. One count serves every
 * gauge read within {@code maxAge} (a scrape reads many gauges; the store is walked once).
 *
 * @param <S> the aggregate's state
 * @param <K> the group; null leaves a state out
 */
public final class StoreCounts<S, K> {

    private final AggregateStore<S> store;
    private final Function<S, K> group;
    private final long maxAgeNanos;
    private Map<K, Long> counts = Map.of();
    private long countedAt;
    private long countedChanges = -1;

    public StoreCounts(AggregateStore<S> store, Function<S, K> group, Duration maxAge) {
        this.store = store;
        this.group = group;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The number of aggregates in {@code key}'s group (0 when none). */
    public synchronized long count(K key) {
        long now = System.nanoTime();
        // Counted again when the store changed and the last count is older than maxAge; never while nothing changed.
        if (store.changes() != countedChanges && (countedChanges == -1 || now - countedAt >= maxAgeNanos)) {
            long changes = store.changes();
            Map<K, Long> fresh = new HashMap<>();
            for (S state : store.all()) {
                K key2 = group.apply(state);
                if (key2 != null) {
                    fresh.merge(key2, 1L, Long::sum);
                }
            }
            counts = fresh;
            countedAt = now;
            countedChanges = changes;
        }
        return counts.getOrDefault(key, 0L);
    }
}
