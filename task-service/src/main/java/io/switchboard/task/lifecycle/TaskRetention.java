package io.switchboard.task.lifecycle;

import io.switchboard.events.command.ArchiveTask;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a finished task stays: {@code period} after it ended, then it is archived out of the system. Open tasks
 * are never archived. A zero period keeps every task forever.
 */
public record TaskRetention(Duration period) {

    /** The actor of the archive commands task-service issues itself. */
    static final String ACTOR = "task-service/retention";

    public static final TaskRetention FOREVER = new TaskRetention(Duration.ZERO);

    public TaskRetention {
        if (period == null || period.isNegative()) {
            throw new IllegalArgumentException("retention must be zero (forever) or positive: " + period);
        }
    }

    public boolean keepsForever() {
        return period.isZero();
    }

    /** When the task's retention runs out; null while it is open, or when tasks are kept forever. */
    public Instant expiresAt(TaskState state) {
        Task task = state.task();
        if (keepsForever() || !task.status().isFinal()) {
            return null;
        }
        return ended(task).plus(period);
    }

    public boolean expired(TaskState state, Instant now) {
        Instant expires = expiresAt(state);
        return expires != null && !now.isBefore(expires);
    }

    /**
     * The command that archives the task at this version. Its id names the version, so issuing it twice (a retried
     * timer, a new owner) archives once: the second finds no task.
     */
    public ArchiveTask archive(TaskState state, Instant now) {
        String id = state.task().id();
        return new ArchiveTask(new CommandMeta(id + "@" + state.version() + "/archive", id, ACTOR, now,
                state.version(), null));
    }

    private static Instant ended(Task task) {
        Instant ended = switch (task.status()) {
            case COMPLETED -> task.completedAt();
            case FAILED -> task.failedAt();
            case CANCELLED -> task.cancelledAt();
            default -> null;
        };
        return ended != null ? ended : task.updatedAt();
    }
}
