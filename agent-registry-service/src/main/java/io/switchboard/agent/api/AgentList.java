package io.switchboard.agent.api;

import io.switchboard.events.agent.Agent;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documentation only: the seed's list of agents, as {@code AgentController.list} writes it. */
@Schema(description = "The registered agents that match, by id.")
public record AgentList(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @ArraySchema(arraySchema = @Schema(description = "The agents, ordered by id.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<Agent> agents,
        @Schema(description = "How many agents the list holds.", requiredMode = Schema.RequiredMode.REQUIRED)
        int count) {
}
