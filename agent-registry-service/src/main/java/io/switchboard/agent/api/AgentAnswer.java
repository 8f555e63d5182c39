package io.switchboard.agent.api;

import io.switchboard.events.agent.Agent;
import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the seed's answer with one agent, as {@code AgentController.agentBody} writes it. */
@Schema(description = "One agent, as it is now (after the write, for a write).")
public record AgentAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "The agent.", requiredMode = Schema.RequiredMode.REQUIRED)
        Agent agent) {
}
