package io.switchboard.gateway.security;

import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the answer of {@code DELETE /api/auth/keys/{id}} as {@code AuthController.revoke} writes it. */
@Schema(description = "One API key, without its secret.")
public record ApiKeyAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "The key, now with revokedAt.", requiredMode = Schema.RequiredMode.REQUIRED)
        ApiKeyView apiKey) {
}
