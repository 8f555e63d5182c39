package io.switchboard.assignment.decider;

import io.switchboard.assignment.queue.ConcurrencyCaps;
import io.switchboard.assignment.queue.WaitingQueue;
import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.PendingTask;
import io.switchboard.events.task.Task;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
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
    /** The state's waiting tasks and automatic queue, read only: what the round places is in {@link #placed}. */
    private final Map<String, PendingTask> waiting;
    private final WaitingQueue automatic;
    private final Map<String, Task> tasks;
    private final Set<String> placed = new HashSet<>();

    Round(AgentPool pool, ConcurrencyCaps caps, Map<String, PendingTask> waiting, WaitingQueue automatic,
          Map<String, Task> unfinished) {
        this.pool = pool;
        this.caps = caps;
        this.waiting = waiting;
        this.automatic = automatic;
        this.tasks = unfinished;
    }

    /** The task, if it waits and this round has not placed it; else null. */
    PendingTask pending(String taskId) {
        return placed.contains(taskId) ? null : waiting.get(taskId);
    }

    /** An unfinished task; null when it is finished or unknown. */
    Task unfinished(String taskId) {
        return tasks.get(taskId);
    }

    /**
     * The waiting tasks the automatic queue may place now (AUTO mode, past any retry backoff), in the queue's order,
     * read lazily: a round reads only as far as it places.
     */
    Iterator<PendingTask> automaticInOrder() {
        Iterator<PendingTask> all = automatic.inOrder();
        return new Iterator<>() {
            private PendingTask next;

            @Override
            public boolean hasNext() {
                while (next == null && all.hasNext()) {
                    PendingTask candidate = all.next();
                    if (!placed.contains(candidate.id())) {
                        next = candidate;
                    }
                }
                return next != null;
            }

            @Override
            public PendingTask next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                PendingTask task = next;
                next = null;
                return task;
            }
        };
    }

    /** Waiting tasks a request for the next task may place: any mode, past any retry backoff. */
    Collection<PendingTask> requestable(Instant now) {
        return waiting.values().stream().filter(p -> !placed.contains(p.id()) && ready(tasks.get(p.id()), now))
                .toList();
    }

    /** The task is placed: it waits no more in this round. */
    void placed(String taskId) {
        placed.add(taskId);
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
