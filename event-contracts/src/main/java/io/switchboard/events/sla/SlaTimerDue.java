package io.switchboard.events.sla;

import java.time.Instant;
import java.util.Objects;

/**
 * A timer of a task's SLA clock came due: issued by the owner of the task's partition to itself through the
 * {@code sla.timers} topic, so it is applied in order with the task's events and fenced like any command.
 * {@code deadline} is the deadline it was set for: a timer for a deadline that moved since changes nothing.
 */
public record SlaTimerDue(String timerId, String taskId, Kind kind, Instant deadline, Instant dueAt, Instant issuedAt) {

    public enum Kind {
        WARNING, VIOLATION
    }

    public SlaTimerDue {
        Objects.requireNonNull(timerId, "timerId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deadline, "deadline");
    }
}
