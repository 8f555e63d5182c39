package io.switchboard.gateway.security;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documentation only: {@code GET /api/auth/me} as {@code AuthController.me} writes it; never instantiated. */
@Schema(description = "Who the caller is and what it may do, for a dashboard to decide which buttons to show.")
public record CurrentCaller(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "The API key's name, the token's subject, anonymous without a credential, or "
                + "unsecured when security is off.", requiredMode = Schema.RequiredMode.REQUIRED, example = "ci-bot")
        String principal,
        @Schema(description = "The role the caller acts as.", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"admin", "operator", "agent", "viewer"})
        String role,
        @Schema(description = "For the agent role: the agent the credential acts for; else null.", nullable = true)
        String agentId,
        @Schema(description = "True when no credential was given.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean anonymous,
        @ArraySchema(arraySchema = @Schema(description = "The role's permissions.",
                requiredMode = Schema.RequiredMode.REQUIRED),
                schema = @Schema(allowableValues = {"task.read", "task.write", "task.assign", "agent.write",
                        "system.config", "audit.read", "notification.config"}))
        List<String> permissions) {
}
