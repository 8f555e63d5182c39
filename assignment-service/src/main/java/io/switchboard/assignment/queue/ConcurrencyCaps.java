package io.switchboard.assignment.queue;

import java.util.HashMap;
import java.util.Map;

/**
 * Caps on open (assigned or in progress) tasks per concurrency key, such as one customer's quota or one external
 * API's rate. A key without a limit is unlimited; a task without a key is never capped.
 */
public final class ConcurrencyCaps {

    private final Map<String, Integer> limits;
    private final Map<String, Integer> open = new HashMap<>();

    public ConcurrencyCaps(Map<String, Integer> limits) {
        this.limits = Map.copyOf(limits);
    }

    /** Counts one more open task under {@code key} (at the start of a round, from the tasks as they are). */
    public void count(String key) {
        count(key, 1);
    }

    /** Counts {@code tasks} more open tasks under {@code key}. */
    public void count(String key, int tasks) {
        if (key != null) {
            open.merge(key, tasks, Integer::sum);
        }
    }

    /** Takes a slot for one more open task under {@code key}; false when the key is at its limit. */
    public boolean tryTake(String key) {
        if (key == null) {
            return true;
        }
        Integer limit = limits.get(key);
        int current = open.getOrDefault(key, 0);
        if (limit != null && current >= limit) {
            return false;
        }
        open.put(key, current + 1);
        return true;
    }

    /** A fresh count with the same limits, for the next round. */
    public ConcurrencyCaps empty() {
        return new ConcurrencyCaps(limits);
    }
}
