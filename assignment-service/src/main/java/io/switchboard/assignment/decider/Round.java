package io.switchboard.assignment.decider;

import io.switchboard.assignment.queue.ConcurrencyCaps;
import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.PendingTask;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Task;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one round of decisions starts from ({@link DeciderState#round}): each agent's load (its open tasks in
 * task-service's state plus the decisions not applied yet), the open tasks per concurrency key, and the tasks waiting.
 * The decider's thread makes one per round and changes it as it places tasks.
 */
final class Round {

    final AgentPool pool;
    final ConcurrencyCaps caps;
    final Map<String, PendingTask> pending;
    /** The unfinished tasks, by id (read only). */
    private final Map<String, Task> tasks;

    Round(AgentPool pool, ConcurrencyCaps caps, Map<String, PendingTask> pending, Map<String, Task> unfinished) {
        this.pool = pool;
        this.caps = caps;
        this.pending = pending;
        this.tasks = unfinished;
    }

    /** An unfinished task; null when it is finished or unknown. */
    Task unfinished(String taskId) {
        return tasks.get(taskId);
    }

    /** Waiting tasks that the automatic queue may place now: AUTO mode, and past any retry backoff. */
    Collection<PendingTask> automatic(AssignmentMode defaultMode, Instant now) {
        return pending.values().stream().filter(p -> {
            Task task = tasks.get(p.id());
            AssignmentMode mode = task.assignmentMode() == null ? defaultMode : task.assignmentMode();
            return mode == AssignmentMode.AUTO && ready(task, now);
        }).toList();
    }

    /** Waiting tasks a request for the next task may place: any mode, past any retry backoff. */
    Collection<PendingTask> requestable(Instant now) {
        return pending.values().stream().filter(p -> ready(tasks.get(p.id()), now)).toList();
    }

    /** The task is placed: it waits no more. */
    void placed(String taskId) {
        pending.remove(taskId);
    }

    private static boolean ready(Task task, Instant now) {
        return task.nextAttemptAt() == null || !now.isBefore(task.nextAttemptAt());
    }

    static PendingTask pendingTask(Task task, Set<String> excluded, SlaDeadlines deadlines) {
        return new PendingTask(task.id(), task.version(), task.priority(), task.createdAt(), deadlines.of(task),
                task.fairnessKey(), task.concurrencyKey(), lowerCase(task.requiredCapabilities()),
                lowerCase(task.preferredCapabilities()), new HashSet<>(excluded));
    }

    static Set<String> lowerCase(Collection<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
