package io.switchboard.events.task;

import java.time.Instant;

/**
 * On {@code task.archived}: a finished task, as it was last, leaving every store and (as a tombstone) the compacted
 * {@code task.state} because its retention ran out. The export to archive it elsewhere; not a live event.
 */
public record TaskArchived(String taskId, long version, Instant time, Task task) implements TaskEvent {
}
