package io.switchboard.assignment.api;

import io.switchboard.events.task.Task;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The most recent assignments or completions (a task's completion time, else its assignment time, as the seed's
 * server orders them), kept in a heap of the few asked for, so a report over many tasks sorts none of them.
 */
final class RecentActivity {

    private static final Comparator<Task> BY_ACTIVITY = Comparator.comparing(RecentActivity::timestamp)
            .thenComparing(Task::id);

    private final int limit;
    /** The oldest kept first, so it is the one to drop. */
    private final PriorityQueue<Task> newest = new PriorityQueue<>(BY_ACTIVITY);

    RecentActivity(int limit) {
        this.limit = limit;
    }

    void offer(Task task) {
        if (timestamp(task) == null) {
            return;
        }
        newest.add(task);
        if (newest.size() > limit) {
            newest.poll();
        }
    }

    List<Task> newestFirst() {
        return newest.stream().sorted(BY_ACTIVITY.reversed()).toList();
    }

    static Instant timestamp(Task task) {
        return task.completedAt() != null ? task.completedAt() : task.assignedAt();
    }
}
