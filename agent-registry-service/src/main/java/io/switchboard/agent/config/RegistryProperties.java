package io.switchboard.agent.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * agent-registry-service's own settings (SWITCHBOARD_AGENTS_MISSED_HEARTBEATS, ...); the ones every service shares
 * are in {@link io.switchboard.aggregate.ServiceProperties}.
 *
 * @param defaultHeartbeatInterval  heartbeat interval of an agent that registers without one; 0 means agents are not
 *                                  expected to beat
 * @param missedHeartbeats          intervals an agent may miss before it goes OFFLINE and its tasks are handed back
 * @param expiryCheck               how often the owner of an agent checks its heartbeat deadline
 * @param defaultReliability        reliability of an agent that registers without one
 * @param reliabilityWeight         weight of the newest outcome in the reliability (an exponentially weighted success
 *                                  rate: 0.1 moves it a tenth of the way per outcome)
 * @param defaultMaxConcurrentTasks limit of an agent that registers without one
 * @param a2aCardTimeout            how long a registration from an A2A agent card waits for the card
 */
@ConfigurationProperties("switchboard.agents")
public record RegistryProperties(
        @DefaultValue("30s") Duration defaultHeartbeatInterval,
        @DefaultValue("3") int missedHeartbeats,
        @DefaultValue("1s") Duration expiryCheck,
        @DefaultValue("0.9") double defaultReliability,
        @DefaultValue("0.1") double reliabilityWeight,
        @DefaultValue("1") int defaultMaxConcurrentTasks,
        @DefaultValue("5s") Duration a2aCardTimeout) {
}
