package io.switchboard.events.task;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code task:sla-warning} {task, deadline, remaining}: most of the SLA budget is used up. {@code late} when it fired
 * later than due (the monitor was down then).
 */
public record TaskSlaWarning(String taskId, long version, Instant time, Task task, Instant deadline,
                             Duration remaining, boolean late) implements TaskEvent {
}
