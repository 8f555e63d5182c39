package io.switchboard.task.api;

import io.switchboard.events.task.TaskStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the body of {@code PUT /api/tasks/{taskId}/progress} ({@link TaskRequests#progress}). */
@Schema(description = "The seed's progress update. Progress on an ASSIGNED task starts it; progress 100, or status "
        + "COMPLETED, completes it. Unknown fields are refused (400).")
public record ProgressUpdate(
        @Schema(description = "Progress, a whole number 0-100.", requiredMode = Schema.RequiredMode.REQUIRED,
                minimum = "0", maximum = "100", example = "75")
        Integer progress,
        @Schema(description = "Optionally IN_PROGRESS or COMPLETED; to end a task otherwise use fail or cancel.",
                allowableValues = {"IN_PROGRESS", "COMPLETED"})
        TaskStatus status) {
}
