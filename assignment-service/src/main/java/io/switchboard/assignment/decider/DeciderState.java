package io.switchboard.assignment.decider;

import io.switchboard.assignment.queue.AssignmentQueue;
import io.switchboard.assignment.queue.ConcurrencyCaps;
import io.switchboard.assignment.queue.WaitingQueue;
import io.switchboard.assignment.selection.AgentAvailability;
import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.Candidate;
import io.switchboard.assignment.selection.PendingTask;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the decider knows, kept up to date from each change of a task or an agent instead of being rebuilt from every
 * task ever stored in each round: the unfinished tasks and which of them wait, each agent's open tasks, the open
 * tasks per concurrency key, who last held a task (to avoid them on its retry), and the decisions and take-backs
 * this decider made that task-service has not applied yet. A round costs the waiting tasks and the agents, whatever
 * the number of finished tasks. Pure, and confined to the decider's thread.
 */
final class DeciderState {

    private final SlaDeadlines deadlines;
    private final AssignmentMode defaultMode;
    /** The waiting tasks the automatic queue may place (AUTO mode), kept in the queue's order. */
    private final WaitingQueue automatic;
    /** The time of the last round: the time tasks that change between rounds are queued at. */
    private Instant lastRound = Instant.EPOCH;
    /** Every task not final (PENDING, ASSIGNED, IN_PROGRESS), at the newest version seen. */
    private final Map<String, Task> unfinished = new HashMap<>();
    /** The PENDING tasks without a decision in flight: the queue. */
    private final Map<String, PendingTask> waiting = new LinkedHashMap<>();
    /** The ASSIGNED tasks, watched for an agent that does not start them in time. */
    private final Map<String, Task> assigned = new HashMap<>();
    private final Map<String, Integer> openPerAgent = new HashMap<>();
    private final Map<String, Integer> openPerKey = new HashMap<>();
    private final Map<String, Candidate> agents = new HashMap<>();
    private final Map<String, Reservation> reservations = new HashMap<>();
    /** Tasks taken back (ack timeout) at a version, until task-service has applied it. */
    private final Map<String, Long> released = new HashMap<>();
    private final Map<String, Seen> assignedSince = new HashMap<>();
    private final Map<String, String> lastHolder = new HashMap<>();
    private final Map<String, Set<String>> excluded = new HashMap<>();

    /** When this decider first saw a task ASSIGNED at a version. */
    record Seen(long version, Instant at) {
    }

    DeciderState(SlaDeadlines deadlines, AssignmentQueue queue, AssignmentMode defaultMode) {
        this.deadlines = deadlines;
        this.defaultMode = defaultMode;
        this.automatic = new WaitingQueue(queue);
    }

    /** A task changed (a newer version than any seen before, as the views only pass those on). */
    void onTask(Task task) {
        String id = task.id();
        Task previous = unfinished.get(id);
        if (previous != null) {
            if (previous.version() >= task.version()) {
                return;
            }
            forget(previous);
        }
        Reservation reservation = reservations.get(id);
        if (reservation != null && task.version() > reservation.taskVersion()) {
            reservations.remove(id);
        }
        Long releasedAt = released.get(id);
        if (releasedAt != null && task.version() > releasedAt) {
            released.remove(id);
        }
        learnHolder(task);
        if (task.status().isFinal()) {
            assignedSince.remove(id);
            return;
        }
        unfinished.put(id, task);
        if (task.status().isOpen() && task.agent() != null) {
            openPerAgent.merge(task.agent(), 1, Integer::sum);
            if (task.concurrencyKey() != null) {
                openPerKey.merge(task.concurrencyKey(), 1, Integer::sum);
            }
        } else if (task.status() == TaskStatus.PENDING && !reservations.containsKey(id)) {
            enqueue(task);
        }
        if (task.status() == TaskStatus.ASSIGNED) {
            assigned.put(id, task);
        } else {
            assignedSince.remove(id);
        }
    }

    /** Takes back what {@code task} counted for. */
    private void forget(Task task) {
        String id = task.id();
        unfinished.remove(id);
        stopWaiting(id);
        assigned.remove(id);
        if (task.status().isOpen() && task.agent() != null) {
            decrement(openPerAgent, task.agent());
            if (task.concurrencyKey() != null) {
                decrement(openPerKey, task.concurrencyKey());
            }
        }
    }

    /** Who holds a task; a holder that let it go back to the queue is avoided on its retry. */
    private void learnHolder(Task task) {
        if (task.status().isOpen() && task.agent() != null) {
            lastHolder.put(task.id(), task.agent());
            return;
        }
        String previous = lastHolder.remove(task.id());
        if (task.status() == TaskStatus.PENDING && previous != null) {
            excluded.computeIfAbsent(task.id(), id -> new HashSet<>()).add(previous);
        } else if (task.status().isFinal()) {
            excluded.remove(task.id());
        }
    }

    void onAgent(AgentState state) {
        if (!state.visible()) {
            agents.remove(state.agent().id());
            return;
        }
        var agent = state.agent();
        agents.put(agent.id(), new Candidate(agent.id(), agent.name(), AgentAvailability.acceptsWork(state),
                Round.lowerCase(agent.capabilities()), agent.maxConcurrentTasks(), 0, agent.reliability(),
                agent.deregistering()));
    }

    /** The task waits: in the queue, and in the automatic queue unless it waits for a person (MANUAL). */
    private void enqueue(Task task) {
        PendingTask pending = Round.pendingTask(task, excluded.getOrDefault(task.id(), Set.of()), deadlines);
        waiting.put(task.id(), pending);
        AssignmentMode mode = task.assignmentMode() == null ? defaultMode : task.assignmentMode();
        if (mode == AssignmentMode.AUTO) {
            automatic.add(pending, task.nextAttemptAt(), lastRound);
        }
    }

    private void stopWaiting(String taskId) {
        waiting.remove(taskId);
        automatic.remove(taskId);
    }

    /** A round of decisions at {@code now} from what is known now. */
    Round round(ConcurrencyCaps emptyCaps, Instant now) {
        lastRound = now;
        automatic.advance(now);
        Map<String, Integer> load = new HashMap<>(openPerAgent);
        openPerKey.forEach((key, open) -> emptyCaps.count(key, open));
        for (Reservation reservation : reservations.values()) {
            load.merge(reservation.agentId(), 1, Integer::sum);
            emptyCaps.count(reservation.concurrencyKey(), 1);
        }
        AgentPool pool = new AgentPool();
        for (Candidate agent : agents.values()) {
            pool.put(agent.withLoad(load.getOrDefault(agent.id(), 0)));
        }
        return new Round(pool, emptyCaps, waiting, automatic, unfinished);
    }

    /** A decision of this decider was committed: the task waits no more until task-service has applied it. */
    void reserved(Reservation reservation) {
        reservations.put(reservation.taskId(), reservation);
        stopWaiting(reservation.taskId());
    }

    /** A take-back was committed: not offered again at this version, and its agent avoided next. */
    void takenBack(String taskId, long version, String agentId) {
        released.put(taskId, version);
        excluded.computeIfAbsent(taskId, id -> new HashSet<>()).add(agentId);
    }

    boolean reservedNow(String taskId) {
        return reservations.containsKey(taskId);
    }

    /**
     * Forgets every decision and take-back in flight and every ack-timeout count (taking over, or giving up the
     * partition): what is true is then only what task-service has applied.
     */
    void clearInFlight() {
        reservations.clear();
        released.clear();
        assignedSince.clear();
        for (Task task : unfinished.values()) {
            if (task.status() == TaskStatus.PENDING && !waiting.containsKey(task.id())) {
                enqueue(task);
            }
        }
    }

    /** The ASSIGNED tasks not taken back at their version: candidates for the ack timeout. */
    Collection<Task> assignedTasks() {
        return assigned.values();
    }

    /** Whether a take-back of the task is in flight. */
    boolean released(String taskId) {
        return released.containsKey(taskId);
    }

    /** When this decider started counting the ack timeout of {@code task} at its version (now, if not before). */
    Instant assignedSince(Task task, Instant now) {
        Seen seen = assignedSince.get(task.id());
        if (seen == null || seen.version() != task.version()) {
            assignedSince.put(task.id(), new Seen(task.version(), now));
            return now;
        }
        return seen.at();
    }

    int waitingCount() {
        return waiting.size();
    }

    int unfinishedCount() {
        return unfinished.size();
    }

    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }
}
