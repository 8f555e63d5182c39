package io.switchboard.sla.clock;

import io.switchboard.events.task.Priority;

import java.time.Duration;
import java.util.Map;

/**
 * The SLA rules. {@code budgets}: time allowed per priority (a priority without one has no deadline unless the task
 * has its own {@code dueAt}). {@code warnAt}: the share of the budget after which a warning goes out.
 * {@code fromAssignment}: count from the task's (first) assignment instead of its creation. {@code lateAfter}: a timer
 * fired more than this after its time is marked late. {@code escalateEscalation}: raise the priority of a violated
 * task by one level.
 */
public record SlaPolicy(Map<Priority, Duration> budgets, double warnAt, boolean fromAssignment, Duration lateAfter,
                        boolean raisePriority) {
}
