package io.switchboard.agent.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * Documentation only: the body of {@code POST /api/agents} as {@code AgentController.register} reads it (its
 * {@code REGISTER_FIELDS}). The controller parses the JSON itself; this record is never instantiated.
 */
@Schema(description = "An agent that registers, or registers again after a restart: a new agent takes defaults for "
        + "what it leaves out, a known one keeps them (and the reliability it earned). Counts as a heartbeat. Unknown "
        + "fields are refused (400).")
public record NewAgent(
        @Schema(description = "The agent's id: 1-64 letters, digits and . _ : - starting with a letter or digit. "
                + "Required, unless the agent registers from its A2A card (a2a), which then gives one made from "
                + "the card's name.", maxLength = 64,
                pattern = "^[A-Za-z0-9][A-Za-z0-9._:-]*$", example = "agent-security-cleanup")
        String id,
        @Schema(description = "A display name, 1-200 characters (default: the id).", minLength = 1, maxLength = 200,
                example = "Security Agent")
        String name,
        @ArraySchema(arraySchema = @Schema(description = "What the agent can do (at most 64 entries)."),
                maxItems = 64, schema = @Schema(minLength = 1, maxLength = 64))
        List<String> capabilities,
        @Schema(description = "How many tasks it may hold at once, 1-10000 (default 1).", minimum = "1",
                maximum = "10000")
        Integer maxConcurrentTasks,
        @Schema(description = "Its starting reliability, 0-1 (default 0.9).", minimum = "0", maximum = "1",
                example = "0.95")
        Double reliability,
        @Schema(description = "How often it will heartbeat, in milliseconds, 0-86400000; 0 means no heartbeats are "
                + "expected and it never expires (default 30000).", minimum = "0", maximum = "86400000")
        Long heartbeatIntervalMs,
        @Schema(description = "An A2A agent, registered from its agent card: the registry reads the card, its skills "
                + "and their tags become the capabilities, its name the name (and the id, when none is sent), and "
                + "the gateway sends the agent its tasks over A2A. Fields sent beside it win over the card's.")
        A2aCard a2a) {

    /** Where an A2A agent's card is. */
    public record A2aCard(
            @Schema(description = "The agent card's URL, http or https.", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "https://agents.example.com/.well-known/agent-card.json")
            String cardUrl) {
    }
}
