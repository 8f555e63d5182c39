package io.switchboard.agent.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documentation only: the optional body of {@code POST /api/agents/{agentId}/heartbeat}. */
@Schema(description = "An agent's heartbeat, optionally with its own view; the body may be left out. Unknown fields "
        + "are refused (400).")
public record AgentHeartbeat(
        @ArraySchema(arraySchema = @Schema(description = "The ids of the tasks the agent says it runs (at most 1000); "
                + "left out, none."),
                maxItems = 1000, schema = @Schema(minLength = 1, maxLength = 64))
        List<String> runningTasks,
        @Schema(description = "True when the agent cannot take more work: it is OVERLOADED until a heartbeat "
                + "without it (default false).")
        Boolean overloaded) {
}
