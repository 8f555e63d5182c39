package io.switchboard.gateway.security;

import io.swagger.v3.oas.annotations.media.Schema;

/** Documentation only: the answer of {@code POST /api/auth/keys} as {@code AuthController.create} writes it. */
@Schema(description = "The API key just created, with its secret.")
public record IssuedApiKeyAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "The new key.", requiredMode = Schema.RequiredMode.REQUIRED)
        IssuedApiKey apiKey) {
}
