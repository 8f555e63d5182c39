package io.switchboard.task.api;

import io.switchboard.events.task.Task;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documentation only: a list of tasks, as {@code TaskController.pageBody} writes it. */
@Schema(description = "One page of tasks, oldest first (creation time, then id).")
public record TaskPage(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @ArraySchema(arraySchema = @Schema(description = "The tasks of this page.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<Task> tasks,
        @Schema(description = "How many tasks this page holds.", requiredMode = Schema.RequiredMode.REQUIRED)
        int count,
        @Schema(description = "How many tasks match the filters, in all pages.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        int total,
        @Schema(description = "The cursor of the next page, to send back as ?cursor=; null on the last page.",
                nullable = true)
        String nextCursor) {
}
