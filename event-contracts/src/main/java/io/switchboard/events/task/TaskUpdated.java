package io.switchboard.events.task;

import java.time.Instant;

/**
 * {@code task:updated} {task}: progress or status changed. {@code change} names what: STARTED, PROGRESS,
 * COMPLETED, RETRY_SCHEDULED, FAILED, CANCELLED (every change of a task is also a {@code task:updated}, as in the
 * seed, so a client that listens to this one event sees the whole lifecycle).
 */
public record TaskUpdated(String taskId, long version, Instant time, Task task, String change)
        implements TaskEvent {
}
