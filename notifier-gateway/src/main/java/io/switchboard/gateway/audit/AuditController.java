package io.switchboard.gateway.audit;

import io.switchboard.events.audit.AuditEntry;
import io.switchboard.gateway.security.JsonErrors;
import io.switchboard.gateway.security.SecurityProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** {@code GET /api/audit?limit=N}: the newest entries first, in the seed's shape plus who, what and how it ended. */
@RestController
class AuditController {

    private static final int DEFAULT_LIMIT = 100;

    private final AuditLog log;
    private final int maxLimit;

    AuditController(AuditLog log, SecurityProperties security) {
        this.log = log;
        this.maxLimit = security.audit().maxLimit();
    }

    @Operation(operationId = "getAuditLog", summary = "Get the newest entries of the audit log",
            description = "Every write and every refusal through any gateway instance, newest first, in the seed's "
                    + "shape plus who, what and how it ended. Permission audit.read.")
    @ApiResponse(responseCode = "200", description = "The newest audit entries",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AuditLogAnswer.class)))
    @GetMapping("/api/audit")
    ResponseEntity<?> newest(
            @Parameter(description = "How many entries, from 1 to switchboard.security.audit.max-limit (1000); "
                    + "default 100", schema = @Schema(type = "integer", format = "int32", minimum = "1",
                    defaultValue = "100"))
            @RequestParam(name = "limit", required = false) String limit) {
        int count;
        try {
            count = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > maxLimit) {
            return JsonErrors.entity(HttpStatus.BAD_REQUEST, "limit must be a whole number from 1 to " + maxLimit,
                    "limit", Map.of());
        }
        List<AuditEntry> entries = log.newest(count);
        return ResponseEntity.ok(Map.of("success", true, "count", entries.size(), "entries", entries));
    }
}
