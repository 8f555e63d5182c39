package io.switchboard.task.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the optional body of {@code POST /api/tasks/{taskId}/cancel} ({@link TaskRequests#reason}). */
@Schema(description = "Why a task is cancelled; the body may be left out. Unknown fields are refused (400).")
public record Cancellation(
        @Schema(description = "Why it is cancelled (at most 1000 characters, trimmed).", maxLength = 1000,
                example = "Feature dropped")
        String reason) {
}
