package io.switchboard.events.task;

import java.time.Instant;

/**
 * The current state of a task migrated from another system: it enters Switchboard in this state instead of
 * PENDING. Times left null are taken as the import time.
 */
public record ImportedState(
        TaskStatus status,
        String agent,
        int progress,
        Instant createdAt,
        Instant assignedAt,
        Instant startedAt,
        Instant completedAt,
        Instant failedAt,
        String failureReason) {
}
