package io.switchboard.events.task;

import java.time.Instant;

/** {@code task:completed} {task}. */
public record TaskCompleted(String taskId, long version, Instant time, Task task) implements TaskEvent {
}
