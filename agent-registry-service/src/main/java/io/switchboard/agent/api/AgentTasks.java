package io.switchboard.agent.api;

import io.switchboard.events.agent.HeldTask;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documentation only: an agent's tasks, as {@code AgentController.tasks} writes them. */
@Schema(description = "The tasks an agent holds, as the registry knows them, and what the agent last reported.")
public record AgentTasks(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "The agent's id.", requiredMode = Schema.RequiredMode.REQUIRED)
        String agentId,
        @ArraySchema(arraySchema = @Schema(description = "The tasks it holds (assigned or in progress), by id.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<HeldTask> tasks,
        @Schema(description = "How many tasks it holds.", requiredMode = Schema.RequiredMode.REQUIRED)
        int count,
        @ArraySchema(arraySchema = @Schema(description = "The task ids the agent's last heartbeat said it runs.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<String> reportedByAgent) {
}
