package io.switchboard.agent.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * agent-registry-service settings, each overridable by environment variable (SWITCHBOARD_AGENTS_MISSED_HEARTBEATS,
 * ...). {@code instanceId}, {@code topicPrefix}, {@code partitions} and {@code replication} mean what they mean for
 * task-service.
 */
@ConfigurationProperties("switchboard")
public record RegistryProperties(
        String instanceId,
        @DefaultValue("") String topicPrefix,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replication,
        @DefaultValue Agents agents) {

    /**
     * @param commandTimeout               how long a REST write waits for its change to commit before answering 503
     * @param readYourWrites               reads wait until this instance has read every committed change
     * @param readTimeout                  the longest such a wait may take (then 503)
     * @param transactionTimeout           how long a crashed instance's open transaction can hold readers back
     * @param defaultHeartbeatInterval     heartbeat interval of an agent that registers without one; 0 means agents
     *                                     are not expected to beat
     * @param missedHeartbeats             intervals an agent may miss before it goes OFFLINE and its tasks are
     *                                     handed back
     * @param expiryCheck                  how often the owner of an agent checks its heartbeat deadline
     * @param defaultReliability           reliability of an agent that registers without one
     * @param reliabilityWeight            weight of the newest outcome in the reliability (an exponentially
     *                                     weighted success rate: 0.1 moves it a tenth of the way per outcome)
     * @param defaultMaxConcurrentTasks    limit of an agent that registers without one
     */
    public record Agents(
            @DefaultValue("10s") Duration commandTimeout,
            @DefaultValue("true") boolean readYourWrites,
            @DefaultValue("5s") Duration readTimeout,
            @DefaultValue("10s") Duration transactionTimeout,
            @DefaultValue("30s") Duration defaultHeartbeatInterval,
            @DefaultValue("3") int missedHeartbeats,
            @DefaultValue("1s") Duration expiryCheck,
            @DefaultValue("0.9") double defaultReliability,
            @DefaultValue("0.1") double reliabilityWeight,
            @DefaultValue("1") int defaultMaxConcurrentTasks) {
    }
}
