package io.switchboard.gateway.security;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documentation only: {@code GET /api/auth/keys} as {@code AuthController.list} writes it. */
@Schema(description = "Every API key, from configuration and created through the API, revoked ones included, by "
        + "name; never a secret.")
public record ApiKeyList(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "How many keys the list holds.", requiredMode = Schema.RequiredMode.REQUIRED)
        int count,
        @ArraySchema(arraySchema = @Schema(description = "The keys, by name.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<ApiKeyView> keys) {
}
