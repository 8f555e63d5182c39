package io.switchboard.agent.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documentation only: the body of {@code PATCH /api/agents/{agentId}}. */
@Schema(description = "Changes to an agent; fields left out stay as they are. Unknown fields are refused (400).")
public record AgentChanges(
        @Schema(description = "A new display name, 1-200 characters.", minLength = 1, maxLength = 200)
        String name,
        @ArraySchema(arraySchema = @Schema(description = "The agent's capabilities, replacing the old ones (at most 64 "
                + "entries)."), maxItems = 64, schema = @Schema(minLength = 1, maxLength = 64))
        List<String> capabilities,
        @Schema(description = "How many tasks it may hold at once, 1-10000; below its load it becomes OVERLOADED.",
                minimum = "1", maximum = "10000")
        Integer maxConcurrentTasks) {
}
