package io.switchboard.gateway.security;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** Documentation only: an API key as {@code AuthController.shown} shows it, never with its secret. */
@Schema(description = "An API key, without its secret.")
public record ApiKeyView(
        @Schema(description = "The key's id (not secret): k-... for a key made through the API, config:<name> for "
                + "one from configuration.", requiredMode = Schema.RequiredMode.REQUIRED, example = "k-3f9a12c0b7d4")
        String id,
        @Schema(description = "What or who the key is for.", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(description = "The key's role.", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"admin", "operator", "agent", "viewer"})
        String role,
        @Schema(description = "For the agent role: the agent the key acts for; else null.", nullable = true)
        String agentId,
        @Schema(description = "When it was created; null for a key from configuration.", nullable = true)
        Instant createdAt,
        @Schema(description = "When it was revoked; null while it is valid.", nullable = true)
        Instant revokedAt,
        @Schema(description = "Where the key comes from.", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"configuration", "api"})
        String source) {
}
