package io.switchboard.gateway.security;

import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the body of {@code POST /api/auth/keys} as {@code AuthController.create} reads it. */
@Schema(description = "A new API key: who or what it is for and its role.")
public record NewApiKey(
        @Schema(description = "What or who the key is for (1-100 characters, trimmed).",
                requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100, example = "ci-bot")
        String name,
        @Schema(description = "The key's role (case-insensitive).", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"admin", "operator", "agent", "viewer"})
        String role,
        @Schema(description = "The one agent the key acts for: required for the agent role, and only for it.",
                example = "agent-qr-feature")
        String agentId) {
}
