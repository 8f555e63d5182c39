package io.switchboard.sla.api;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskStatus;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Documentation only: {@code GET /api/sla} as {@code SlaController.standing} writes it, each entry a
 * {@link io.switchboard.sla.clock.SlaStanding.Entry}. Never instantiated.
 */
@Schema(description = "Open tasks past their SLA warning time (at risk) or past their deadline (violated), earliest "
        + "deadline first.")
public record SlaStandingAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @ArraySchema(arraySchema = @Schema(description = "Tasks past their warning time, not yet past their deadline.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<Entry> atRisk,
        @ArraySchema(arraySchema = @Schema(description = "Tasks past their deadline.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<Entry> violated,
        @Schema(description = "How many tasks the two lists hold together.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        int count) {

    @Schema(name = "SlaStandingEntry", description = "An open task at risk of missing its SLA deadline, or past it.")
    public record Entry(
            @Schema(description = "The task's id.", requiredMode = Schema.RequiredMode.REQUIRED)
            String taskId,
            @Schema(description = "The task's name.", requiredMode = Schema.RequiredMode.REQUIRED)
            String name,
            @Schema(description = "The task's priority.", requiredMode = Schema.RequiredMode.REQUIRED)
            Priority priority,
            @Schema(description = "The task's status.", requiredMode = Schema.RequiredMode.REQUIRED)
            TaskStatus status,
            @Schema(description = "The agent holding the task; null while it is pending.", nullable = true)
            String agent,
            @Schema(description = "The SLA deadline: the task's dueAt, else its creation (or assignment) plus its "
                    + "priority's budget.", requiredMode = Schema.RequiredMode.REQUIRED)
            Instant deadline,
            @Schema(description = "Time left until the deadline, an ISO-8601 duration; negative once it passed, such "
                    + "as PT-5M.", requiredMode = Schema.RequiredMode.REQUIRED, type = "string", format = "duration",
                    example = "PT4H48M")
            String remaining,
            @Schema(description = "True once the deadline passed.", requiredMode = Schema.RequiredMode.REQUIRED)
            boolean violated) {
    }
}
