package io.switchboard.events.task;

import java.time.Instant;

/** {@code task:created} {task}. {@code imported} is true for a task migrated in a later state. */
public record TaskCreated(String taskId, long version, Instant time, Task task, boolean imported)
        implements TaskEvent {
}
