package io.switchboard.assignment.queue;

import io.switchboard.assignment.selection.PendingTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which waiting tasks are offered to agents:
 * <ol>
 *   <li>priority level, P0 first, raised by aging ({@link QueuePolicy#agingStep()});</li>
 *   <li>within a level, fair shares across fairness keys: the n-th task of a key comes at virtual time
 *       n / weight(key), so one tenant's flood interleaves with another's tasks instead of starving them;</li>
 *   <li>then the earliest SLA deadline, then first come first served, then the task id.</li>
 * </ol>
 */
public final class AssignmentQueue {

    private static final Comparator<PendingTask> WITHIN_KEY =
            Comparator.comparing(PendingTask::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(PendingTask::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(PendingTask::id);

    private final QueuePolicy policy;

    public AssignmentQueue(QueuePolicy policy) {
        this.policy = policy;
    }

    /** A task's place: its level, its virtual time among its key's tasks, then {@link #WITHIN_KEY}. */
    private record Placed(PendingTask task, int level, double virtualTime) {
    }

    public List<PendingTask> order(Collection<PendingTask> pending, Instant now) {
        Map<String, List<PendingTask>> groups = new HashMap<>();
        Map<PendingTask, Integer> levels = new HashMap<>();
        for (PendingTask task : pending) {
            int level = level(task, now);
            levels.put(task, level);
            groups.computeIfAbsent(level + "\u0000" + key(task), k -> new ArrayList<>()).add(task);
        }
        List<Placed> placed = new ArrayList<>(pending.size());
        for (List<PendingTask> group : groups.values()) {
            group.sort(WITHIN_KEY);
            double weight = policy.weight(key(group.get(0)));
            for (int i = 0; i < group.size(); i++) {
                PendingTask task = group.get(i);
                placed.add(new Placed(task, levels.get(task), (i + 1) / weight));
            }
        }
        placed.sort(Comparator.comparingInt(Placed::level).thenComparingDouble(Placed::virtualTime)
                .thenComparing(Placed::task, WITHIN_KEY));
        return placed.stream().map(Placed::task).toList();
    }

    int level(PendingTask task, Instant now) {
        int level = task.priority().ordinal();
        Duration step = policy.agingStep();
        if (step.isZero() || task.createdAt() == null || !now.isAfter(task.createdAt())) {
            return level;
        }
        long steps = Duration.between(task.createdAt(), now).toMillis() / step.toMillis();
        return (int) Math.max(0, level - steps);
    }

    private static String key(PendingTask task) {
        return task.fairnessKey() == null ? "" : task.fairnessKey();
    }
}
