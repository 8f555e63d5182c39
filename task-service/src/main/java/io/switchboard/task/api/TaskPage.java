package io.switchboard.task.api;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** Documentation only: a list of tasks, as {@code TaskController.pageBody} writes it. */
@Schema(description = "One page of tasks, oldest first (creation time, then id) unless asked newest first.")
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
        String nextCursor,
        @Schema(description = "Only with counts=true: every task counted, whatever the filters.", nullable = true)
        Counts counts) {

    @Schema(description = "Every task counted by status and by priority (each one listed, 0 when none).")
    public record Counts(
            @Schema(description = "Every task.", requiredMode = Schema.RequiredMode.REQUIRED) int total,
            @Schema(description = "Tasks not yet final (PENDING, ASSIGNED, IN_PROGRESS).",
                    requiredMode = Schema.RequiredMode.REQUIRED) int open,
            @Schema(description = "Tasks per status.", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "{\"PENDING\": 4, \"ASSIGNED\": 1, \"IN_PROGRESS\": 1, \"COMPLETED\": 3, \"FAILED\": 0, "
                            + "\"CANCELLED\": 1}")
            Map<TaskStatus, Integer> byStatus,
            @Schema(description = "Tasks per priority.", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "{\"P0\": 1, \"P1\": 3, \"P2\": 4, \"P3\": 2}")
            Map<Priority, Integer> byPriority) {
    }
}
