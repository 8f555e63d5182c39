package io.switchboard.events.task;

import java.time.Instant;

/**
 * {@code task:failed} {task, reason}. {@code willRetry} is true when the retry policy sends the task back to
 * PENDING for another attempt ({@code attempt} is the attempt that failed); false when it failed for good.
 */
public record TaskFailed(String taskId, long version, Instant time, Task task, String reason, String agent,
                         int attempt, boolean willRetry) implements TaskEvent {
}
