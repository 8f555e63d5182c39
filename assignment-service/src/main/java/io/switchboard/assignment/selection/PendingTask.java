package io.switchboard.assignment.selection;

import io.switchboard.events.task.Priority;

import java.time.Instant;
import java.util.Set;

/**
 * A task waiting for an agent, as the decider sees it. {@code version} is the task's version the decision will be
 * made against (task-service applies it only if the task is still there); capabilities are lower case;
 * {@code excluded} are agents that just failed or timed out on it; {@code deadline} is its SLA deadline, null when it
 * has none.
 */
public record PendingTask(String id, long version, Priority priority, Instant createdAt, Instant deadline,
                          String fairnessKey, String concurrencyKey, Set<String> required, Set<String> preferred,
                          Set<String> excluded) {
}
