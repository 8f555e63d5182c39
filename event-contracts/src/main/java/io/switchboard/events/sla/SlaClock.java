package io.switchboard.events.sla;

import io.switchboard.events.task.Task;

import java.time.Instant;
import java.util.Objects;

/**
 * The value of the compacted {@code sla.state} topic, keyed by task id: a task's SLA clock. {@code deadline} and
 * {@code warnAt} are null when the task has no deadline (P3 without {@code dueAt}, or not yet started when clocks
 * count from assignment); {@code warnedFor} and {@code violatedFor} are the deadlines a warning and a violation were
 * already published for, so each fires once per task and deadline; {@code stopped} once the task ended.
 * {@code version} is the task's version this clock follows.
 */
public record SlaClock(String taskId, long version, Task task, Instant deadline, Instant warnAt, Instant warnedFor,
                       Instant violatedFor, boolean stopped) {

    public SlaClock {
        Objects.requireNonNull(taskId, "taskId");
    }
}
