package io.switchboard.gateway.security;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** Documentation only: a key just created, as {@code AuthController.create} shows it: the key, once. */
@Schema(description = "An API key just created, with its secret: shown once, in this answer only.")
public record IssuedApiKey(
        @Schema(description = "The key's id (not secret), used to list and revoke it.",
                requiredMode = Schema.RequiredMode.REQUIRED, example = "k-3f9a12c0b7d4")
        String id,
        @Schema(description = "What or who the key is for.", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(description = "The key's role.", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"admin", "operator", "agent", "viewer"})
        String role,
        @Schema(description = "For the agent role: the agent the key acts for; else null.", nullable = true)
        String agentId,
        @Schema(description = "When it was created.", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant createdAt,
        @Schema(description = "Null: a new key is valid.", nullable = true)
        Instant revokedAt,
        @Schema(description = "Always api for a key created here.", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"api"})
        String source,
        @Schema(description = "The key itself, to send in the X-API-Key header. Only its SHA-256 is kept.",
                requiredMode = Schema.RequiredMode.REQUIRED, example = "sbk_...")
        String key) {
}
