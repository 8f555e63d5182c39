package io.switchboard.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * When each aggregate's next timer falls due, in a heap keyed by time: a tick costs the timers that are due, not a
 * walk over every aggregate, so a million pending timers are cheap. An aggregate has at most one live timer (the
 * latest scheduled); older heap entries for it are skipped when they come up. Timers of aggregates this instance does
 * not own are parked when they fall due, and come back when ownership changes. Thread-safe.
 */
public final class DueTimers {

    private static final class Entry implements Comparable<Entry> {
        final long at;
        final String id;

        Entry(long at, String id) {
            this.at = at;
            this.id = id;
        }

        @Override
        public int compareTo(Entry other) {
            return Long.compare(at, other.at);
        }
    }

    private final PriorityQueue<Entry> heap = new PriorityQueue<>();
    private final Map<String, Long> live = new HashMap<>();
    private final List<Entry> parked = new ArrayList<>();

    /** Sets the aggregate's timer to {@code atMillis} (epoch milliseconds), or clears it with null. */
    public synchronized void schedule(String id, Long atMillis) {
        if (atMillis == null) {
            live.remove(id);
            return;
        }
        Long current = live.put(id, atMillis);
        if (current == null || current.longValue() != atMillis) {
            heap.add(new Entry(atMillis, id));
        }
    }

    /** Ids whose timer is due at {@code nowMillis} and that {@code owned} accepts; each is returned once. */
    public List<String> pollDue(long nowMillis, Predicate<String> owned) {
        return pollDue(nowMillis, owned, Integer.MAX_VALUE);
    }

    /** The same, at most {@code max} of them, the earliest first: the others stay due for the next call. */
    public synchronized List<String> pollDue(long nowMillis, Predicate<String> owned, int max) {
        List<String> due = new ArrayList<>();
        while (due.size() < max && !heap.isEmpty() && heap.peek().at <= nowMillis) {
            Entry entry = heap.poll();
            Long current = live.get(entry.id);
            if (current == null || current != entry.at) {
                continue;
            }
            if (owned.test(entry.id)) {
                live.remove(entry.id);
                due.add(entry.id);
            } else {
                parked.add(entry);
            }
        }
        return due;
    }

    /** Brings back parked timers, for when this instance may own more aggregates than before. */
    public synchronized void unpark() {
        heap.addAll(parked);
        parked.clear();
    }

    public synchronized int pending() {
        return live.size();
    }
}
