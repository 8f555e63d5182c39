package io.switchboard.agent.api;

import io.switchboard.events.agent.AgentStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the body of {@code PUT /api/agents/{agentId}/status}. */
@Schema(description = "An operator's status for an agent: OFFLINE or OVERLOADED hold until ACTIVE or IDLE clears "
        + "them, after which the status is derived again. Unknown fields are refused (400).")
public record AgentStatusChange(
        @Schema(description = "The status to set (case-insensitive).", requiredMode = Schema.RequiredMode.REQUIRED)
        AgentStatus status) {
}
