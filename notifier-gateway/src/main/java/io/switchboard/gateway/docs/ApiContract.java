package io.switchboard.gateway.docs;

import io.switchboard.gateway.security.AccessPolicy;
import io.switchboard.gateway.security.Permission;
import io.switchboard.gateway.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the gateway adds to the merged OpenAPI document, because the gateway is where it holds: the two ways to
 * present a credential (an API key in {@code X-API-Key}, a JWT as a bearer token) and, per operation, whether it
 * needs one and which permission ({@code x-permission}, from {@link AccessPolicy}, the same table that decides); and
 * the error answers every operation can give, in the one error shape of the API ({@code Error}). The services
 * document their successes; the errors are the same everywhere, so they are written once, here.
 */
final class ApiContract {

    static final String ERROR = "Error";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> WRITES = Set.of("put", "post", "delete", "patch");

    private final AccessPolicy policy;

    ApiContract(AccessPolicy policy) {
        this.policy = policy;
    }

    void apply(ObjectNode document) {
        ObjectNode components = document.has("components") ? (ObjectNode) document.get("components")
                : document.putObject("components");
        securitySchemes(components.has("securitySchemes") ? (ObjectNode) components.get("securitySchemes")
                : components.putObject("securitySchemes"));
        ObjectNode schemas = components.has("schemas") ? (ObjectNode) components.get("schemas")
                : components.putObject("schemas");
        schemas.set(ERROR, errorSchema(schemas));
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey()) && operation.getValue() instanceof ObjectNode op) {
                describe(path.getKey(), operation.getKey(), op);
            }
        }));
    }

    private static void securitySchemes(ObjectNode schemes) {
        ObjectNode key = schemes.putObject("apiKey");
        key.put("type", "apiKey");
        key.put("in", "header");
        key.put("name", "X-API-Key");
        key.put("description", "An API key (from configuration, or made by an admin with POST /api/auth/keys)");
        ObjectNode bearer = schemes.putObject("bearer");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        bearer.put("description", "A JWT whose role claim names the caller's role (see docs/security.md)");
    }

    private static ObjectNode errorSchema(ObjectNode schemas) {
        ObjectNode error = schemas.objectNode();
        error.put("type", "object");
        error.put("description", "Every error answer: what is wrong and, where one is to blame, the field; some "
                + "answers add the id concerned (taskId, agentId)");
        ArrayNode required = error.putArray("required");
        required.add("error");
        ObjectNode properties = error.putObject("properties");
        properties.putObject("success").put("type", "boolean").put("description", "Always false");
        properties.putObject("error").put("type", "string").put("description", "What is wrong, for a person");
        properties.putObject("field").put("type", "string")
                .put("description", "The request field, parameter or header that is wrong");
        properties.putObject("taskId").put("type", "string");
        properties.putObject("agentId").put("type", "string");
        error.put("additionalProperties", true);
        return error;
    }

    private void describe(String path, String method, ObjectNode operation) {
        Permission needed = policy.required(method.toUpperCase(Locale.ROOT), path);
        ObjectNode responses = operation.has("responses") ? (ObjectNode) operation.get("responses")
                : operation.putObject("responses");
        Map<String, String> errors = new LinkedHashMap<>();
        if (operation.has("requestBody") || operation.has("parameters")) {
            errors.put("400", "The request is malformed or breaks a rule; error and field say which");
        }
        if (needed == null) {
            operation.putArray("security"); // public
        } else {
            ArrayNode security = operation.putArray("security");
            security.addObject().putArray("apiKey");
            security.addObject().putArray("bearer");
            operation.put("x-permission", needed.code());
            String roles = Arrays.stream(Role.values()).filter(role -> role.permissions().contains(needed))
                    .map(Role::code).collect(Collectors.joining(", "));
            String access = "Needs permission `" + needed.code() + "` (roles: " + roles + ")."
                    + (needed == Permission.TASK_READ ? " Without a credential where anonymous reads are on." : "");
            operation.put("description", operation.has("description")
                    ? operation.get("description").asString() + "\n\n" + access : access);
            errors.put("401", "No valid credential");
            errors.put("403", "The credential's role lacks the permission, or an agent acts for another");
            errors.put("429", "Over the credential's rate limit; Retry-After says when to try again");
        }
        if (path.contains("{")) {
            errors.put("404", "No such task, agent or key");
        }
        if (WRITES.contains(method) && path.contains("{")) {
            errors.put("409", "The change does not fit the current state (a finished task, an agent busy)");
        }
        if (hasParameter(operation, "If-Match")) {
            errors.put("412", "If-Match names a version that is no longer current");
        }
        errors.put("503", "A service or Kafka cannot answer right now; Retry-After, where given, says when to try"
                + " again");
        errors.forEach((status, description) -> {
            if (!responses.has(status)) {
                ObjectNode response = responses.putObject(status);
                response.put("description", description);
                response.putObject("content").putObject("application/json").putObject("schema")
                        .put("$ref", "#/components/schemas/" + ERROR);
            }
        });
    }

    private static boolean hasParameter(ObjectNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (name.equalsIgnoreCase(parameter.path("name").asString(""))) {
                return true;
            }
        }
        return false;
    }
}
