package io.switchboard.task.config;

import io.switchboard.events.task.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * task-service's own settings (SWITCHBOARD_TASKS_DEFAULT_PRIORITY, ...); the ones every service shares are in
 * {@link io.switchboard.aggregate.ServiceProperties}.
 *
 * @param defaultPriority     priority of a task created without one
 * @param defaultMaxAttempts  attempts of a task created without a retry policy (1: a failure is final)
 * @param defaultRetryBackoff wait before the second attempt; it doubles with every further attempt
 * @param historyLimit        history lines kept per task (the oldest are dropped)
 * @param maxPageSize         the largest {@code limit} of a list request, and the page size when none is given
 * @param retention           how long a finished task is kept after it ended, then archived out of the system
 *                            ({@code task.archived} carries it, a tombstone removes it from {@code task.state}); zero
 *                            keeps every task forever. Open tasks are never archived
 * @param retentionCheck      how often the owner of a partition looks for tasks whose retention ran out
 */
@ConfigurationProperties("switchboard.tasks")
public record TaskProperties(
        @DefaultValue("P2") Priority defaultPriority,
        @DefaultValue("1") int defaultMaxAttempts,
        @DefaultValue("30s") Duration defaultRetryBackoff,
        @DefaultValue("100") int historyLimit,
        @DefaultValue("1000") int maxPageSize,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1m") Duration retentionCheck) {
}
