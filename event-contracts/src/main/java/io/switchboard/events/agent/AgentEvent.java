package io.switchboard.events.agent;

import java.time.Instant;

/** An event of the agent registry, keyed by agent id, with the agent as it is after the event. */
public sealed interface AgentEvent permits AgentRegistered, AgentUpdated, AgentOverload {

    String agentId();

    long version();

    Instant time();

    Agent agent();
}
