package io.switchboard.events.task;

import java.time.Instant;

/**
 * One line of a task's history: a change of status (or its creation, where {@code from} is null), who caused
 * it and why. Progress updates that keep the status are not history lines; they are in {@code task.updated}.
 */
public record TaskTransition(Instant at, TaskStatus from, TaskStatus to, String actor, String reason, long version) {
}
