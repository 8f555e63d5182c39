package io.switchboard.task.api;

import io.switchboard.events.task.Priority;
import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the body of {@code PUT /api/tasks/{taskId}/priority}. */
@Schema(description = "A new priority for a task that is not final; its SLA deadline moves with it. Unknown fields "
        + "are refused (400).")
public record PriorityChange(
        @Schema(description = "The new priority.", requiredMode = Schema.RequiredMode.REQUIRED)
        Priority priority,
        @Schema(description = "Why, kept in the task's history (at most 1000 characters).", maxLength = 1000,
                example = "customer escalation")
        String reason) {
}
