package io.switchboard.gateway.security;

import io.switchboard.events.security.ApiKeyRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Who am I ({@code GET /api/auth/me}, for a dashboard to decide which buttons to show) and the API keys
 * ({@code /api/auth/keys}: permission system.config). A new key is shown once, in the answer that creates it.
 */
@RestController
class AuthController {

    private static final String JSON = "application/json";

    private final ApiKeyStore keys;
    private final SecurityProperties security;

    AuthController(ApiKeyStore keys, SecurityProperties security) {
        this.keys = keys;
        this.security = security;
    }

    @Operation(operationId = "getCurrentCaller", summary = "Get who the caller is and what it may do",
            description = "For a dashboard to decide which buttons to show. Answers without a credential too: as "
                    + "the anonymous caller.")
    @ApiResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = CurrentCaller.class)))
    @GetMapping("/api/auth/me")
    Map<String, Object> me(ServerWebExchange exchange) {
        Caller caller = security.enabled() ? Exchanges.caller(exchange)
                : new Caller("unsecured", Role.ADMIN, null, "unsecured", false);
        Caller who = caller == null ? Caller.ANONYMOUS : caller;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("principal", who.principal());
        body.put("role", who.role().code());
        body.put("agentId", who.agentId());
        body.put("anonymous", who.anonymous());
        body.put("permissions", who.permissions().stream().map(Permission::code).toList());
        return body;
    }

    @Operation(operationId = "listApiKeys", summary = "List the API keys",
            description = "Every key, from configuration and created through the API, revoked ones included; never "
                    + "a secret. Permission system.config.")
    @ApiResponse(responseCode = "200", description = "The keys",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiKeyList.class)))
    @GetMapping("/api/auth/keys")
    Map<String, Object> list() {
        List<Map<String, Object>> all = keys.all().stream().map(AuthController::shown).toList();
        return Map.of("success", true, "count", all.size(), "keys", all);
    }

    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "The key is shown once, in this answer; only its SHA-256 is kept. Permission system.config.")
    @ApiResponse(responseCode = "201", description = "The key was created",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = IssuedApiKeyAnswer.class)))
    @PostMapping("/api/auth/keys")
    Mono<ResponseEntity<?>> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = NewApiKey.class)))
            @RequestBody JsonNode body) {
        String name = body.path("name").asString("").trim();
        if (name.isEmpty() || name.length() > 100) {
            return Mono.just(JsonErrors.entity(HttpStatus.BAD_REQUEST, "name is required (1-100 characters)",
                    "name", Map.of()));
        }
        Role role = Role.ofCode(body.path("role").asString(null)).orElse(null);
        if (role == null) {
            return Mono.just(JsonErrors.entity(HttpStatus.BAD_REQUEST,
                    "role must be one of admin, operator, agent, viewer", "role", Map.of()));
        }
        String agentId = body.path("agentId").asString(null);
        if ((role == Role.AGENT) != (agentId != null && !agentId.isBlank())) {
            return Mono.just(JsonErrors.entity(HttpStatus.BAD_REQUEST,
                    "agentId is required for the agent role, and only for it", "agentId", Map.of()));
        }
        return Mono.fromCallable(() -> keys.create(name, role, agentId)).subscribeOn(Schedulers.boundedElastic())
                .<ResponseEntity<?>>map(created -> {
                    Map<String, Object> shown = shown(created.record());
                    shown.put("key", created.key());
                    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("success", true, "apiKey", shown));
                })
                .onErrorResume(TimeoutException.class, e -> Mono.just(JsonErrors.entity(
                        HttpStatus.SERVICE_UNAVAILABLE, "The key could not be stored: " + e.getMessage(), null,
                        Map.of())));
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Only keys created through the API; a key from configuration is removed there (409). "
                    + "Permission system.config.")
    @ApiResponse(responseCode = "200", description = "The key, revoked",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiKeyAnswer.class)))
    @DeleteMapping("/api/auth/keys/{id}")
    Mono<ResponseEntity<?>> revoke(
            @Parameter(description = "The key's id, such as k-3f9a12c0b7d4") @PathVariable String id) {
        ApiKeyRecord record = keys.get(id).orElse(null);
        if (record == null) {
            return Mono.just(JsonErrors.entity(HttpStatus.NOT_FOUND, "No API key " + id, "id",
                    Map.of("keyId", id)));
        }
        if (record.createdAt() == null) {
            return Mono.just(JsonErrors.entity(HttpStatus.CONFLICT,
                    "Key " + id + " comes from configuration; remove it there", "id", Map.of("keyId", id)));
        }
        return Mono.fromCallable(() -> keys.revoke(record)).subscribeOn(Schedulers.boundedElastic())
                .<ResponseEntity<?>>map(revoked -> ResponseEntity.ok(Map.of("success", true, "apiKey",
                        shown(revoked))))
                .onErrorResume(TimeoutException.class, e -> Mono.just(JsonErrors.entity(
                        HttpStatus.SERVICE_UNAVAILABLE, "The key could not be revoked: " + e.getMessage(), null,
                        Map.of())));
    }

    private static Map<String, Object> shown(ApiKeyRecord record) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", record.id());
        shown.put("name", record.name());
        shown.put("role", record.role());
        shown.put("agentId", record.agentId());
        shown.put("createdAt", record.createdAt());
        shown.put("revokedAt", record.revokedAt());
        shown.put("source", record.createdAt() == null ? "configuration" : "api");
        return shown;
    }
}
