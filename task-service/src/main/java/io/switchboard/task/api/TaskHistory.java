package io.switchboard.task.api;

import io.switchboard.events.task.TaskTransition;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documentation only: a task's history, as {@code TaskController.historyBody} writes it. */
@Schema(description = "Every change of a task's status (and of its priority), oldest first, with its time, actor "
        + "and reason.")
public record TaskHistory(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "The task's id.", requiredMode = Schema.RequiredMode.REQUIRED)
        String taskId,
        @Schema(description = "The task's current version (its ETag).", requiredMode = Schema.RequiredMode.REQUIRED)
        long version,
        @ArraySchema(arraySchema = @Schema(description = "The history lines, oldest first; the creation or import "
                + "line has from null. The newest switchboard.tasks.history-limit lines (100) are kept.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<TaskTransition> history) {
}
