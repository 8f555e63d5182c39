package io.switchboard.aggregate;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Every aggregate as read from its compacted state topic, plus how far that topic has been read per partition.
 * It is a cache of Kafka, never a source of truth: a copy only replaces an older version, so replays, duplicates
 * and the owner's own write-through after a commit can arrive in any order.
 */
public final class AggregateStore<S> {

    private final Map<String, S> states = new ConcurrentHashMap<>();
    /**
     * Aggregates removed by this instance's own commit before its reader reached their tombstone, with their last
     * version: until then the reader may still bring older records of them, which must not bring them back.
     */
    private final Map<String, Long> removedUpTo = new ConcurrentHashMap<>();
    private final List<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    /** Reads waiting, without a thread each, for the store to reach their targets ({@link #whenReached}). */
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicLong changes = new AtomicLong();
    private volatile Consumer<S> onChange = state -> { };
    private final List<Consumer<S>> watchers = new CopyOnWriteArrayList<>();
    private volatile long lag = -1;
    private final Function<S, String> id;
    private final ToLongFunction<S> version;

    public AggregateStore(Function<S, String> id, ToLongFunction<S> version) {
        this.id = id;
        this.version = version;
    }

    public Optional<S> get(String aggregateId) {
        return Optional.ofNullable(states.get(aggregateId));
    }

    public Collection<S> all() {
        return states.values();
    }

    public int size() {
        return states.size();
    }

    /** Whether the store has {@code aggregateId} at {@code version} or newer. */
    public boolean has(String aggregateId, long version) {
        S state = states.get(aggregateId);
        return state != null && this.version.applyAsLong(state) >= version;
    }

    /** Keeps {@code state} unless a newer (or the same) version of the aggregate is already here. */
    public void offer(S state) {
        Long removed = removedUpTo.get(id.apply(state));
        if (removed != null && version.applyAsLong(state) <= removed) {
            return;
        }
        S kept = states.merge(id.apply(state), state,
                (old, neu) -> version.applyAsLong(neu) > version.applyAsLong(old) ? neu : old);
        if (kept == state) {
            changes.incrementAndGet();
            onChange.accept(state);
            watchers.forEach(watcher -> watcher.accept(state));
        }
    }

    /**
     * The owner's removal, once committed: forgets the aggregate unless a version newer than {@code lastVersion}
     * is already here, and ignores older records of it until the reader reaches its tombstone ({@link #forget}).
     */
    public void remove(String aggregateId, long lastVersion) {
        removedUpTo.merge(aggregateId, lastVersion, Math::max);
        S gone = states.computeIfPresent(aggregateId,
                (key, state) -> version.applyAsLong(state) <= lastVersion ? null : state);
        if (gone == null) {
            removed(aggregateId);
        }
    }

    /** The reader reached the aggregate's tombstone: it is gone, and whatever comes after is a new life of the id. */
    public void forget(String aggregateId) {
        removedUpTo.remove(aggregateId);
        if (states.remove(aggregateId) != null) {
            removed(aggregateId);
        }
    }

    private void removed(String aggregateId) {
        changes.incrementAndGet();
        removalListeners.forEach(listener -> listener.accept(aggregateId));
    }

    /** Called with the id of every aggregate that left the store (from the thread that removed it). */
    public void onRemoval(Consumer<String> listener) {
        removalListeners.add(listener);
    }

    /**
     * Also called with every state that replaced an older one, next to {@link #onChange}: for observers such as
     * metrics, which must not take the runtime's own listener slot.
     */
    public void watch(Consumer<S> watcher) {
        watchers.add(watcher);
    }

    /** Records still to read on the state topic, as of the reader's last poll (committed records only); -1 unknown. */
    public long lag() {
        return lag;
    }

    void recordLag(long lag) {
        this.lag = lag;
    }

    /** Called with every state that replaced an older one (from the thread that offered it). */
    public void onChange(Consumer<S> listener) {
        this.onChange = listener;
    }

    /** Grows with every state that replaced an older one: a reader can tell cheaply whether anything changed. */
    public long changes() {
        return changes.get();
    }

    /** Records that the state topic has been read up to (not including) {@code position} on {@code partition}. */
    public void advance(int partition, long position) {
        Long previous = positions.put(partition, position);
        if (previous == null || previous != position) {
            synchronized (progress) {
                progress.notifyAll();
            }
            for (Waiter waiter : waiters) {
                if (hasReached(waiter.targets())) {
                    waiter.done().complete(true);
                }
            }
        }
    }

    /**
     * Completes with true once {@link #hasReached} the targets, with false after {@code timeout}: the same as
     * {@link #awaitReached} without holding a thread while it waits.
     */
    public CompletableFuture<Boolean> whenReached(Map<Integer, Long> targets, Duration timeout) {
        if (hasReached(targets)) {
            return CompletableFuture.completedFuture(true);
        }
        Waiter waiter = new Waiter(targets, new CompletableFuture<>());
        waiters.add(waiter);
        waiter.done().completeOnTimeout(false, timeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((reached, error) -> waiters.remove(waiter));
        // The reader may have advanced between the first check and the waiter being seen.
        if (hasReached(targets)) {
            waiter.done().complete(true);
        }
        return waiter.done();
    }

    /** True once every partition in {@code targets} has been read up to its target offset. */
    public boolean hasReached(Map<Integer, Long> targets) {
        return targets.entrySet().stream()
                .allMatch(target -> positions.getOrDefault(target.getKey(), 0L) >= target.getValue());
    }

    private record Waiter(Map<Integer, Long> targets, CompletableFuture<Boolean> done) {
    }

    /** Waits until {@link #hasReached} or the timeout; answers whether it got there. */
    public boolean awaitReached(Map<Integer, Long> targets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!hasReached(targets)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
