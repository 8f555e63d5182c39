package io.switchboard.task.api;

import io.switchboard.events.task.Task;
import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the seed's answer with one task, as {@code TaskController.taskAnswer} writes it. */
@Schema(description = "One task, as it is now (after the write, for a write). Its version is also the ETag header.")
public record TaskAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "The task.", requiredMode = Schema.RequiredMode.REQUIRED)
        Task task) {
}
