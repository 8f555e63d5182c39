package io.switchboard.assignment.decider;

import io.switchboard.assignment.queue.ConcurrencyCaps;
import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.Candidate;
import io.switchboard.assignment.selection.PendingTask;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one round of decisions starts from, built from the task and agent views: each agent's load (its open tasks in
 * task-service's state plus the decisions not applied yet), the open tasks per concurrency key, and the tasks waiting.
 * Pure: the decider's thread builds one per round and changes it as it places tasks.
 */
final class Round {

    final AgentPool pool = new AgentPool();
    final ConcurrencyCaps caps;
    final Map<String, PendingTask> pending = new LinkedHashMap<>();
    final Map<String, Task> tasks = new HashMap<>();

    Round(Collection<TaskState> taskStates, Collection<AgentState> agentStates, Map<String, Reservation> reservations,
          Map<String, Set<String>> excluded, ConcurrencyCaps emptyCaps, SlaDeadlines deadlines) {
        this.caps = emptyCaps;
        Map<String, Integer> load = new HashMap<>();
        for (TaskState state : taskStates) {
            Task task = state.task();
            tasks.put(task.id(), task);
            if (task.status().isOpen() && task.agent() != null) {
                load.merge(task.agent(), 1, Integer::sum);
                caps.count(task.concurrencyKey());
            } else if (task.status() == TaskStatus.PENDING && !reservations.containsKey(task.id())) {
                pending.put(task.id(), pendingTask(task, excluded.getOrDefault(task.id(), Set.of()), deadlines));
            }
        }
        for (Reservation reservation : reservations.values()) {
            load.merge(reservation.agentId(), 1, Integer::sum);
            caps.count(reservation.concurrencyKey());
        }
        for (AgentState state : agentStates) {
            if (state.visible()) {
                var agent = state.agent();
                pool.put(new Candidate(agent.id(), agent.name(), agent.status().acceptsWork(),
                        lowerCase(agent.capabilities()), agent.maxConcurrentTasks(), load.getOrDefault(agent.id(), 0),
                        agent.reliability(), agent.deregistering()));
            }
        }
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
