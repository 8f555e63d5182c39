package io.switchboard.assignment.decider;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A task's SLA deadline: its own {@code dueAt}, else its creation plus its priority's budget (P0 1 hour, P1 24 hours,
 * P2 1 week, P3 none, configurable). Null when it has none.
 */
public record SlaDeadlines(Map<Priority, Duration> budgets) {

    public Instant of(Task task) {
        if (task.dueAt() != null) {
            return task.dueAt();
        }
        Duration budget = budgets.get(task.priority());
        return budget == null || task.createdAt() == null ? null : task.createdAt().plus(budget);
    }

    public Duration budget(Priority priority) {
        return budgets.get(priority);
    }
}
