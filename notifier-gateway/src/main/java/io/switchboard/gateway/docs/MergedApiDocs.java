package io.switchboard.gateway.docs;

import io.swagger.v3.oas.annotations.Hidden;
import io.switchboard.gateway.routes.GatewayProperties;
import io.switchboard.gateway.security.AccessPolicy;
import io.switchboard.gateway.security.SecurityProperties;
import io.switchboard.web.GatewayOnlyFilter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v3/api-docs}: one OpenAPI document for the whole REST API on the gateway's port, merged from the
 * services' own documents (their paths and schemas; a path is owned by one service). A service that does not answer
 * within 5 seconds is left out and named under {@code x-unavailable}.
 * {@code GET /asyncapi.yaml}: the AsyncAPI document of the Kafka topics (docs/asyncapi.yaml, copied at build).
 */
@RestController
@Hidden
class MergedApiDocs {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** What each part of the API is, by the name its operations are tagged with. */
    private static final Map<String, String> TAGS = Map.of(
            "tasks", "Tasks and their lifecycle (task-service)",
            "agents", "The agent registry: agents, their heartbeats and their tasks (agent-registry-service)",
            "assignment", "Assigning tasks to agents and the delegation report (assignment-service)",
            "sla", "SLA standing and reports (sla-monitor-service)",
            "gateway", "Credentials, the audit log and live events (notifier-gateway)");
    private final JsonMapper json = JsonMapper.builder().build();
    private final WebClient client;
    private final Map<String, URI> services;
    private final ApiContract contract;

    MergedApiDocs(GatewayProperties gateway, SecurityProperties security, AccessPolicy policy) {
        this.contract = new ApiContract(policy);
        WebClient.Builder builder = WebClient.builder();
        if (security.gatewayToken() != null) {
            builder.defaultHeader(GatewayOnlyFilter.HEADER, security.gatewayToken());
        }
        this.client = builder.build();
        this.services = ApiDocs.services(gateway);
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<JsonNode> merged(ServerHttpRequest request) {
        Map<String, URI> sources = new LinkedHashMap<>();
        services.forEach((name, url) -> sources.put(name, url.resolve("/v3/api-docs")));
        sources.put("gateway", own(request));
        return Flux.fromIterable(sources.entrySet())
                .concatMap(source -> client.get().uri(source.getValue()).retrieve()
                        .bodyToMono(String.class).timeout(TIMEOUT)
                        .map(body -> Map.entry(source.getKey(), json.readTree(body)))
                        .onErrorResume(error -> Mono.just(Map.entry(source.getKey(), json.nullNode()))))
                .collectList()
                .map(documents -> {
                    ObjectNode merged = merge(documents);
                    contract.apply(merged);
                    return merged;
                });
    }

    /** The gateway's own endpoints (/api/auth, /api/audit, /api/events), from its springdoc, on this connection. */
    private static URI own(ServerHttpRequest request) {
        InetSocketAddress local = request.getLocalAddress();
        try {
            return new URI("http", null, local == null ? "localhost" : local.getHostString(),
                    local == null ? -1 : local.getPort(), "/v3/api-docs/gateway", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode merge(List<Map.Entry<String, JsonNode>> documents) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Switchboard API");
        info.put("description", "The whole REST API through notifier-gateway, merged from the services' own "
                + "documents (/v3/api-docs/tasks, /agents, /assignment, /sla) and the gateway's (/v3/api-docs/gateway)."
                + " Errors are JSON {error, field}; writes need an API key (X-API-Key) or a JWT bearer token. Live "
                + "events: /asyncapi.yaml.");
        info.put("version", "1");
        merged.putArray("servers").addObject().put("url", "/")
                .put("description", "The gateway that serves this document");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode schemas = merged.putObject("components").putObject("schemas");
        ArrayNode tags = merged.putArray("tags");
        ArrayNode unavailable = json.createArrayNode();
        documents.forEach(document -> {
            JsonNode doc = document.getValue();
            if (doc == null || doc.isNull() || !doc.has("paths")) {
                unavailable.add(document.getKey());
                return;
            }
            tags.addObject().put("name", document.getKey()).put("description", TAGS.get(document.getKey()));
            doc.get("paths").properties().forEach(path -> {
                ObjectNode into = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey())
                        : paths.putObject(path.getKey());
                // Two services may share a path with different methods (GET /api/tasks/{taskId} is task-service's,
                // POST /api/tasks/{taskId}/assign assignment's): each operation comes from the service that has it.
                path.getValue().properties().forEach(operation -> {
                    if (!into.has(operation.getKey())) {
                        JsonNode copy = operation.getValue().deepCopy();
                        if (copy instanceof ObjectNode op) {
                            op.putArray("tags").add(document.getKey());
                        }
                        into.set(operation.getKey(), copy);
                    }
                });
            });
            JsonNode theirSchemas = doc.path("components").path("schemas");
            if (theirSchemas.isObject()) {
                theirSchemas.properties().forEach(schema -> {
                    if (!schemas.has(schema.getKey())) {
                        schemas.set(schema.getKey(), schema.getValue());
                    }
                });
            }
        });
        if (!unavailable.isEmpty()) {
            merged.set("x-unavailable", unavailable);
        }
        return merged;
    }

    @GetMapping(path = {"/asyncapi.yaml", "/api/docs/asyncapi.yaml"})
    ResponseEntity<String> asyncApi() throws IOException {
        try (InputStream in = new ClassPathResource("docs/asyncapi.yaml").getInputStream()) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                    .body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
