package io.switchboard.events.agent;

import java.time.Instant;

/** {@code agent:updated} {agent}: status, load or heartbeat state changed; {@code change} names what. */
public record AgentUpdated(String agentId, long version, Instant time, Agent agent, String change)
        implements AgentEvent {
}
