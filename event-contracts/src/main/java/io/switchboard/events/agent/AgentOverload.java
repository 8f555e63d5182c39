package io.switchboard.events.agent;

import java.time.Instant;

/** {@code agent:overload} {agent}: the agent holds more than it can take, or says it is overloaded. */
public record AgentOverload(String agentId, long version, Instant time, Agent agent) implements AgentEvent {
}
