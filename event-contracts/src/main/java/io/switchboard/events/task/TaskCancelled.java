package io.switchboard.events.task;

import java.time.Instant;

/** {@code task:cancelled} {task, reason}. {@code agent} is the agent that held it, if any. */
public record TaskCancelled(String taskId, long version, Instant time, Task task, String reason, String agent)
        implements TaskEvent {
}
