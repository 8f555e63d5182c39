package io.switchboard.events.task;

import java.time.Instant;

/** {@code task:sla-violation} {task}: the deadline passed before the task ended. */
public record TaskSlaViolation(String taskId, long version, Instant time, Task task, Instant deadline)
        implements TaskEvent {
}
