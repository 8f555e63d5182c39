package io.switchboard.gateway.docs;

import io.switchboard.gateway.routes.GatewayProperties;
import io.switchboard.gateway.security.SecurityProperties;
import io.switchboard.web.GatewayOnlyFilter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /v3/api-docs}: one OpenAPI document for the whole REST API on the gateway's port, merged from the
 * services' own documents (their paths and schemas; a path is owned by one service). A service that does not answer
 * within 5 seconds is left out and named under {@code x-unavailable}.
 * {@code GET /asyncapi.yaml}: the AsyncAPI document of the Kafka topics (docs/asyncapi.yaml, copied at build).
 */
@RestController
class MergedApiDocs {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final JsonMapper json = JsonMapper.builder().build();
    private final WebClient client;
    private final Map<String, URI> services;

    MergedApiDocs(GatewayProperties gateway, SecurityProperties security) {
        WebClient.Builder builder = WebClient.builder();
        if (security.gatewayToken() != null) {
            builder.defaultHeader(GatewayOnlyFilter.HEADER, security.gatewayToken());
        }
        this.client = builder.build();
        this.services = ApiDocs.services(gateway);
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<JsonNode> merged() {
        return Flux.fromIterable(services.entrySet())
                .concatMap(service -> client.get().uri(service.getValue().resolve("/v3/api-docs")).retrieve()
                        .bodyToMono(String.class).timeout(TIMEOUT)
                        .map(body -> Map.entry(service.getKey(), json.readTree(body)))
                        .onErrorResume(error -> Mono.just(Map.entry(service.getKey(), json.nullNode()))))
                .collectList()
                .map(documents -> {
                    ObjectNode merged = json.createObjectNode();
                    merged.put("openapi", "3.1.0");
                    ObjectNode info = merged.putObject("info");
                    info.put("title", "Switchboard API");
                    info.put("description", "The whole REST API through notifier-gateway, merged from the services' "
                            + "own documents (/v3/api-docs/tasks, /agents, /assignment, /sla). Live events: "
                            + "/asyncapi.yaml.");
                    info.put("version", "1");
                    merged.putArray("servers").addObject().put("url", "/");
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
                        tags.addObject().put("name", document.getKey());
                        doc.get("paths").properties().forEach(path -> {
                            if (!paths.has(path.getKey())) {
                                ObjectNode copy = (ObjectNode) path.getValue().deepCopy();
                                copy.properties().forEach(operation -> {
                                    if (operation.getValue() instanceof ObjectNode op) {
                                        op.putArray("tags").add(document.getKey());
                                    }
                                });
                                paths.set(path.getKey(), copy);
                            }
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
                });
    }

    @GetMapping(path = {"/asyncapi.yaml", "/api/docs/asyncapi.yaml"})
    ResponseEntity<String> asyncApi() throws IOException {
        try (InputStream in = new ClassPathResource("docs/asyncapi.yaml").getInputStream()) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                    .body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
