package io.switchboard.assignment.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the optional body of {@code POST /api/tasks/{taskId}/assign}. */
@Schema(description = "Who should get the task; the body may be left out, and the best eligible agent gets it. "
        + "Unknown fields are refused (400).")
public record AssignmentChoice(
        @Schema(description = "The agent to give the task to, if it is eligible (400 naming the broken rule if not).",
                example = "agent-qr-feature")
        String agentId) {
}
