package io.switchboard.assignment.api;

import io.switchboard.events.agent.Agent;
import io.switchboard.events.task.Task;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Documentation only: the seed's answer to an assignment, as {@code AssignmentController.applied} writes it, and the
 * queue's {@code {success, message: "No tasks in queue", task: null}} when nothing could be assigned.
 */
@Schema(description = "The task as task-service holds it once the assignment was applied, and its agent.")
public record AssignmentAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "What happened: \"Task assigned to <agent name>\", or \"No tasks in queue\".",
                requiredMode = Schema.RequiredMode.REQUIRED, example = "Task assigned to Feature Development Agent")
        String message,
        @Schema(description = "The assigned task; null when the queue had nothing to assign.")
        Task task,
        @Schema(description = "The agent the task went to, as the registry holds it (null if the registry's view "
                + "does not have it yet); left out when the queue had nothing to assign.")
        Agent agent) {
}
