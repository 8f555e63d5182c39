package io.switchboard.task.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the body of {@code POST /api/tasks/{taskId}/fail} ({@link TaskRequests#reason}). */
@Schema(description = "Why an attempt failed. The task goes back to PENDING while its retry policy allows, else it "
        + "is FAILED. Unknown fields are refused (400).")
public record FailureReport(
        @Schema(description = "Why it failed (1-1000 characters, trimmed).",
                requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 1000, example = "Agent timeout")
        String reason) {
}
