package io.switchboard.gateway.audit;

import io.switchboard.events.audit.AuditEntry;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Documentation only: {@code GET /api/audit} as {@code AuditController.newest} writes it; never instantiated. */
@Schema(description = "The newest audit entries, newest first.")
public record AuditLogAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "How many entries the list holds.", requiredMode = Schema.RequiredMode.REQUIRED)
        int count,
        @ArraySchema(arraySchema = @Schema(description = "The entries, newest first.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<AuditEntry> entries) {
}
