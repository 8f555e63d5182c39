package io.switchboard.assignment.decider;

import io.switchboard.events.task.AssignmentMode;

import java.time.Duration;
import java.util.Map;

/**
 * How the decider works; see {@code AssignmentProperties} for what each means to users.
 *
 * @param defaultMode       AUTO or MANUAL for tasks that do not say
 * @param ackTimeout        an ASSIGNED task not started within it is taken back and offered to another agent
 * @param maxPerRound       the most placements one round makes (one Kafka transaction)
 * @param recheck           how often the queue is looked at again when nothing changed (for backoffs and aging)
 * @param concurrencyLimits open tasks allowed per concurrency key
 * @param taskServiceGroup  task-service's consumer group, whose progress a new decider waits for on take-over
 * @param takeoverTimeout   the longest a new decider waits for that before it gives the partition up and retries
 */
public record DeciderSettings(AssignmentMode defaultMode, Duration ackTimeout, int maxPerRound, Duration recheck,
                              Map<String, Integer> concurrencyLimits, String taskServiceGroup,
                              Duration takeoverTimeout) {
}
