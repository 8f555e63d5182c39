package io.switchboard.task.config;

import io.switchboard.events.task.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * task-service settings, each overridable by environment variable (SWITCHBOARD_INSTANCE_ID,
 * SWITCHBOARD_TASKS_COMMAND_TIMEOUT, ...).
 *
 * @param instanceId     names this instance: its transactional id and the address of its command replies. Keep
 *                       it stable across restarts of one instance (a StatefulSet pod name, say) so a restarted
 *                       instance fences and aborts what its previous life left open at once; two live instances
 *                       must never share one. Random when not set.
 * @param topicPrefix    prefix of every topic and consumer group, for several deployments on one cluster
 * @param partitions     partitions of the topics this service creates when they are missing
 * @param replication    their replication factor
 * @param tasks          task rules and timeouts
 */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
        String instanceId,
        @DefaultValue("") String topicPrefix,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replication,
        @DefaultValue Tasks tasks) {

    /**
     * @param commandTimeout       how long a REST write waits for its command to be applied before answering 503
     * @param readYourWrites       make every read wait until this instance has read the state topic up to its
     *                             end, so a write answered by any instance is seen by the next read on any other
     * @param readTimeout          the longest such a wait may take before the read answers 503
     * @param transactionTimeout   Kafka transaction timeout: how long a crashed instance's open transaction can
     *                             hold readers back before the broker aborts it
     * @param defaultPriority      priority of a task created without one
     * @param defaultMaxAttempts   attempts of a task created without a retry policy (1: a failure is final)
     * @param defaultRetryBackoff  wait before the second attempt; it doubles with every further attempt
     * @param historyLimit         history lines kept per task (the oldest are dropped)
     * @param maxPageSize          the largest {@code limit} of a list request, and the page size when none is given
     */
    public record Tasks(
            @DefaultValue("10s") Duration commandTimeout,
            @DefaultValue("true") boolean readYourWrites,
            @DefaultValue("5s") Duration readTimeout,
            @DefaultValue("10s") Duration transactionTimeout,
            @DefaultValue("P2") Priority defaultPriority,
            @DefaultValue("1") int defaultMaxAttempts,
            @DefaultValue("30s") Duration defaultRetryBackoff,
            @DefaultValue("100") int historyLimit,
            @DefaultValue("1000") int maxPageSize) {
    }
}
