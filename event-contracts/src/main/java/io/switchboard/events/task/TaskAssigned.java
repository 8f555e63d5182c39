package io.switchboard.events.task;

import java.time.Instant;

/** {@code task:assigned} {task, agent}; {@code reason} is why this agent was chosen. */
public record TaskAssigned(String taskId, long version, Instant time, Task task, AgentRef agent, String reason)
        implements TaskEvent {
}
