package io.switchboard.agent.holdings;

import io.switchboard.aggregate.Decision;
import io.switchboard.events.agent.AgentCommand.HoldTask;
import io.switchboard.events.agent.AgentCommand.ReleaseHeldTask;
import io.switchboard.events.agent.AgentCommandMeta;
import io.switchboard.events.agent.HeldTask;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.agent.TaskOutcome;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskCreated;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the task lifecycle into agent load. For each task it remembers which agent holds it (an open task's agent)
 * and at which task version that last changed; an event that moves the task to another holder (or to none) becomes
 * a command to each agent concerned. Events not newer than what is remembered change nothing, so replays and
 * duplicates of task events never count twice. The first event seen of a task is always remembered, held or not:
 * {@code task.created} and {@code task.updated} are different topics, read in no fixed order, and an older
 * {@code task.created} read after a newer {@code task.updated} must not count.
 */
public final class TaskHoldings {

    static final String ACTOR = "agent-registry";

    public Decision<TaskHolding> decide(TaskHolding current, TaskEvent event, Instant now) {
        if (event instanceof TaskArchived archived) {
            return forget(current, archived);
        }
        Task task = event.task();
        if (current != null && event.version() <= current.version()) {
            return new Decision.Unchanged<>(current);
        }
        String holder = task.status().isOpen() ? task.agent() : null;
        if (current == null && holder == null && event instanceof TaskCreated) {
            return new Decision.Unchanged<>(null);
        }
        String previous = current == null ? null : current.agent();
        if (Objects.equals(holder, previous) && current != null) {
            return new Decision.Unchanged<>(current);
        }
        List<Object> commands = new ArrayList<>();
        if (previous != null) {
            commands.add(new ReleaseHeldTask(meta(previous, event, "release", now), task.id(), event.version(),
                    outcome(task.status()), durationMs(task)));
        }
        if (holder != null) {
            Instant since = task.assignedAt() == null ? now : task.assignedAt();
            commands.add(new HoldTask(meta(holder, event, "hold", now), new HeldTask(task.id(), task.name(),
                    task.priority(), task.status(), since, event.version())));
        }
        return new Decision.Applied<>(new TaskHolding(task.id(), holder, event.version()), commands);
    }

    /**
     * An archived task's holding is forgotten (a tombstone on the holdings topic), once the holdings have seen the
     * task's last version with no holder: the archive comes long after the task finished, but from another topic,
     * so a holding that has not caught up yet is kept rather than let an older event count again after it.
     */
    private static Decision<TaskHolding> forget(TaskHolding current, TaskArchived archived) {
        if (current == null || current.agent() != null || current.version() < archived.version()) {
            return new Decision.Unchanged<>(current);
        }
        return new Decision.Removed<>(current, List.of());
    }

    /** A task given back to the queue (a failed attempt, an agent gone) counts as a failure for its agent. */
    private static TaskOutcome outcome(TaskStatus status) {
        return switch (status) {
            case COMPLETED -> TaskOutcome.COMPLETED;
            case CANCELLED -> TaskOutcome.CANCELLED;
            default -> TaskOutcome.FAILED;
        };
    }

    private static Long durationMs(Task task) {
        if (task.status() != TaskStatus.COMPLETED || task.assignedAt() == null || task.completedAt() == null) {
            return null;
        }
        return Duration.between(task.assignedAt(), task.completedAt()).toMillis();
    }

    private static AgentCommandMeta meta(String agent, TaskEvent event, String kind, Instant now) {
        return new AgentCommandMeta(event.taskId() + "@" + event.version() + "/" + kind, agent, ACTOR, now, null);
    }
}
