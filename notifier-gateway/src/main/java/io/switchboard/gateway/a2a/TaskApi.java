package io.switchboard.gateway.a2a;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gateway's own REST API, called back on its own port with the A2A caller's credentials: an A2A call is
 * checked, rate-limited, audited and routed exactly as the REST request it stands for.
 */
final class TaskApi {

    /** The credentials an A2A call carries on to the REST API. */
    static final List<String> CREDENTIALS = List.of("X-API-Key", HttpHeaders.AUTHORIZATION, "X-Request-Id");

    /** A REST answer: its status and its JSON (an empty object when it had none). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** The error a failed answer named, with its field when it named one. */
        String error() {
            String error = body.path("error").asString("HTTP " + status);
            String field = body.path("field").asString("");
            return field.isEmpty() ? error : error + " (" + field + ")";
        }
    }

    private final Supplier<String> baseUrl;
    private final WebClient client;
    private final Duration timeout;

    TaskApi(Supplier<String> baseUrl, WebClient client, Duration timeout) {
        this.baseUrl = baseUrl;
        this.client = client;
        this.timeout = timeout;
    }

    Mono<Answer> create(ObjectNode body, String idempotencyKey, HttpHeaders caller) {
        return call(client.post().uri(baseUrl.get() + "/api/tasks").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey).bodyValue(body.toString()), caller);
    }

    Mono<Answer> get(String taskId, HttpHeaders caller) {
        return call(client.get().uri(baseUrl.get() + "/api/tasks/{id}", taskId), caller);
    }

    Mono<Answer> cancel(String taskId, HttpHeaders caller) {
        return call(client.post().uri(baseUrl.get() + "/api/tasks/{id}/cancel", taskId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\":\"cancelled over A2A\"}"), caller);
    }

    private Mono<Answer> call(WebClient.RequestHeadersSpec<?> request, HttpHeaders caller) {
        request.headers(headers -> CREDENTIALS.forEach(name -> {
            String value = caller.getFirst(name);
            if (value != null) {
                headers.set(name, value);
            }
        }));
        return request.exchangeToMono(TaskApi::answer).timeout(timeout);
    }

    private static Mono<Answer> answer(ClientResponse response) {
        return response.bodyToMono(String.class).defaultIfEmpty("").map(text -> new Answer(
                response.statusCode().value(), text.isBlank() || !text.strip().startsWith("{")
                        ? JsonMapper.shared().createObjectNode() : JsonMapper.shared().readTree(text)));
    }
}
