package io.switchboard.events.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * What every agent command carries: a unique id (the reply is matched by it), the agent it is for (the record
 * key), who asked, when, and the instance waiting for the result (null when nobody waits).
 */
public record AgentCommandMeta(String commandId, String agentId, String actor, Instant issuedAt, String replyTo) {

    public AgentCommandMeta {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(agentId, "agentId");
        if (agentId.isBlank()) {
            throw new IllegalArgumentException("agentId must not be blank");
        }
    }
}
