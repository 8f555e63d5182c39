package io.switchboard.events.task;

import java.time.Instant;

/**
 * {@code task:sla-violation} {task}: the deadline passed before the task ended. {@code late} when it fired later than
 * due (the monitor was down then); {@code escalation} says what was done about it, if anything.
 */
public record TaskSlaViolation(String taskId, long version, Instant time, Task task, Instant deadline, boolean late,
                               String escalation) implements TaskEvent {
}
