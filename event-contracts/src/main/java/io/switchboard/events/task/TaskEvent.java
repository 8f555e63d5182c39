package io.switchboard.events.task;

import java.time.Instant;

/**
 * An event of the public task lifecycle, published by task-service (and, for SLA events, by sla-monitor-service).
 * Each carries the task as it is after the event, so a consumer needs no other source; {@code version} is the
 * task's version at that point.
 */
public sealed interface TaskEvent
        permits TaskCreated, TaskAssigned, TaskUpdated, TaskCompleted, TaskFailed, TaskCancelled, TaskSlaWarning,
        TaskSlaViolation, TaskArchived {

    String taskId();

    long version();

    Instant time();

    Task task();
}
