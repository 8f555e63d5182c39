package io.switchboard.assignment.queue;

import io.switchboard.assignment.selection.PendingTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which waiting tasks are offered to agents:
 * <ol>
 *   <li>priority level, P0 first, raised by aging ({@link QueuePolicy#agingStep()});</li>
 *   <li>within a level, fair shares across fairness keys: the n-th task of a key comes at virtual time
 *       n / weight(key), so one tenant's flood interleaves with another's tasks instead of starving them;</li>
 *   <li>then the earliest SLA deadline (to the millisecond), then first come first served, then the task id.</li>
 * </ol>
 */
public final class AssignmentQueue {

    private final QueuePolicy policy;

    public AssignmentQueue(QueuePolicy policy) {
        this.policy = policy;
    }

    QueuePolicy policy() {
        return policy;
    }

    /** A task's place, with every sort key a primitive: the queue of 100,000 tasks is sorted every round. */
    private static final class Placed implements Comparable<Placed> {
        final PendingTask task;
        final int level;
        final String key;
        final long deadline;
        final long created;
        double virtualTime;

        Placed(PendingTask task, int level) {
            this.task = task;
            this.level = level;
            this.key = task.fairnessKey() == null ? "" : task.fairnessKey();
            this.deadline = task.deadline() == null ? Long.MAX_VALUE : task.deadline().toEpochMilli();
            this.created = task.createdAt() == null ? Long.MIN_VALUE : task.createdAt().toEpochMilli();
        }

        /** Deadline, then creation, then id: the order within one fairness key. */
        int compareWithinKey(Placed other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            if (byDeadline != 0) {
                return byDeadline;
            }
            int byCreation = Long.compare(created, other.created);
            return byCreation != 0 ? byCreation : task.id().compareTo(other.task.id());
        }

        @Override
        public int compareTo(Placed other) {
            int byLevel = Integer.compare(level, other.level);
            if (byLevel != 0) {
                return byLevel;
            }
            int byTime = Double.compare(virtualTime, other.virtualTime);
            return byTime != 0 ? byTime : compareWithinKey(other);
        }
    }

    /** A group of the queue: one priority level of one fairness key. */
    private record Group(int level, String key) {
    }

    public List<PendingTask> order(Collection<PendingTask> pending, Instant now) {
        Map<Group, List<Placed>> groups = new HashMap<>();
        List<Placed> placed = new ArrayList<>(pending.size());
        for (PendingTask task : pending) {
            Placed place = new Placed(task, level(task, now));
            placed.add(place);
            groups.computeIfAbsent(new Group(place.level, place.key), g -> new ArrayList<>()).add(place);
        }
        for (Map.Entry<Group, List<Placed>> group : groups.entrySet()) {
            List<Placed> members = group.getValue();
            members.sort(Placed::compareWithinKey);
            double weight = policy.weight(group.getKey().key());
            for (int i = 0; i < members.size(); i++) {
                members.get(i).virtualTime = (i + 1) / weight;
            }
        }
        placed.sort(null);
        List<PendingTask> ordered = new ArrayList<>(placed.size());
        for (Placed place : placed) {
            ordered.add(place.task);
        }
        return ordered;
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
}
