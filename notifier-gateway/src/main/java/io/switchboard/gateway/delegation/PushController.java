package io.switchboard.gateway.delegation;

import io.switchboard.events.serde.MessageCodec;
import io.switchboard.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The callback A2A agents send their push notifications to ({@link PushNotifications}). It needs no API key: the
 * token each task was given is its credential.
 */
@RestController
@ConditionalOnBooleanProperty(name = "switchboard.a2a.delegation.enabled", matchIfMissing = true)
class PushController {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PushNotifications pushes;

    PushController(PushNotifications pushes) {
        this.pushes = pushes;
    }

    @Operation(operationId = "receiveA2aPush", summary = "An A2A agent's push notification for a task sent to it",
            description = "The agent POSTs the A2A task (as A2A 0.3 has it) with the token the task was given in "
                    + "X-A2A-Notification-Token; the gateway then reads the task's state from the agent at once.")
    @ApiResponse(responseCode = "202", description = "Taken")
    @ApiResponse(responseCode = "400", description = "The body is not a JSON object")
    @ApiResponse(responseCode = "401", description = "No token, or not the task's")
    @ApiResponse(responseCode = "404", description = "No such task was sent to an A2A agent")
    @PostMapping("/a2a/push/{taskId}")
    Mono<ResponseEntity<Map<String, Object>>> push(
            @Parameter(description = "The Switchboard task") @PathVariable String taskId,
            @RequestHeader(value = PushNotifications.TOKEN_HEADER, required = false) String token,
            @RequestBody(required = false) String body) {
        JsonNode task = parse(body);
        // A2A 0.3 posts the task (its "id"); a status update event names it "taskId".
        String a2aTaskId = Optional.ofNullable(text(task.path("id"))).orElseGet(() -> text(task.path("taskId")));
        String state = text(task.path("status").path("state"));
        return Mono.fromCallable(() -> pushes.receive(taskId, token, a2aTaskId, state))
                .subscribeOn(Schedulers.boundedElastic())
                .map(verdict -> switch (verdict) {
                    case ACCEPTED -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.<String, Object>of(
                            "success", true));
                    case UNKNOWN_TASK -> throw ApiException.notFound("A2A dispatch", "taskId", taskId);
                    case BAD_TOKEN -> throw new ApiException(HttpStatus.UNAUTHORIZED, "The push notification's "
                            + "token is missing or is not the one this task was given",
                            PushNotifications.TOKEN_HEADER, Map.of("taskId", taskId));
                })
                .onErrorMap(TimeoutException.class, e -> ApiException.unavailable(
                        "The push notification could not be recorded: " + e.getMessage(), RETRY_AFTER));
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : MessageCodec.jsonMapper().readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            // answered below
        }
        throw ApiException.badRequest("The body must be the A2A task as a JSON object", null);
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            answer.header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        return answer.body(e.body());
    }
}
