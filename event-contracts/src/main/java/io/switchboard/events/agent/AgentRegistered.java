package io.switchboard.events.agent;

import java.time.Instant;

/** {@code agent:registered} {agent}. */
public record AgentRegistered(String agentId, long version, Instant time, Agent agent) implements AgentEvent {
}
