package io.switchboard.gateway.delegation;

import io.a2a.spec.EventKind;
import io.a2a.spec.Task;
import io.switchboard.events.a2a.A2aDispatch;
import io.switchboard.web.ApiException;
import io.switchboard.web.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * A task's A2A side, for a task sent to an A2A agent: what the agent says of it (its state, the question it asks
 * when it waits for input, its artifacts), and a person's answer to that question.
 */
@RestController
@ConditionalOnBooleanProperty(name = "switchboard.a2a.delegation.enabled", matchIfMissing = true)
class DelegationController {

    private static final String JSON = "application/json";
    private static final String PATH = "/api/tasks/{taskId}/a2a";
    private static final Set<String> WAITING = Set.of("input-required", "auth-required");
    /** The longest answer a person may send an agent. */
    private static final int MAX_REPLY = 10_000;

    private final Dispatches dispatches;
    private final AgentCalls agents;
    private final Clock clock;

    DelegationController(Dispatches dispatches, AgentCalls agents, Clock clock) {
        this.dispatches = dispatches;
        this.agents = agents;
        this.clock = clock;
    }

    @Operation(operationId = "getTaskA2a", summary = "What the A2A agent says of a task sent to it",
            description = "Its A2A state (submitted, working, input-required, auth-required, completed, failed, "
                    + "canceled, rejected; abandoned when the task left the agent), the text of the agent's last "
                    + "status message (the question, when it waits for input) and its artifacts.")
    @ApiResponse(responseCode = "200", description = "The task's dispatch",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = A2aDispatch.class)))
    @ApiResponse(responseCode = "404", description = "The task was never sent to an A2A agent")
    @GetMapping(PATH)
    Map<String, Object> get(@Parameter(description = "The task's id") @PathVariable String taskId) {
        return Map.of("success", true, "dispatch", find(taskId));
    }

    @Operation(operationId = "replyToTaskA2a", summary = "Answer an A2A agent that waits for input on a task",
            description = "Sends the text to the agent as a message on the same A2A task; the agent then goes on "
                    + "(its next state shows within switchboard.a2a.delegation.poll-interval).")
    @ApiResponse(responseCode = "202", description = "The agent took the answer")
    @ApiResponse(responseCode = "409", description = "The agent is not waiting for input on this task")
    @ApiResponse(responseCode = "502", description = "The agent did not take the answer")
    @PostMapping(PATH + "/reply")
    Mono<ResponseEntity<Map<String, Object>>> reply(
            @Parameter(description = "The task's id") @PathVariable String taskId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = JSON, schema = @Schema(example = "{\"text\": \"Use the staging database\"}")))
            @RequestBody(required = false) String body) {
        String text = JsonBody.parse(body, false).allowOnly(Set.of("text")).string("text");
        if (text == null || text.isBlank() || text.length() > MAX_REPLY) {
            throw ApiException.badRequest("text is required, at most " + MAX_REPLY + " characters", "text");
        }
        A2aDispatch dispatch = find(taskId);
        if (!WAITING.contains(dispatch.state()) || dispatch.a2aTaskId() == null) {
            throw new ApiException(HttpStatus.CONFLICT, "The agent is not waiting for input (its state is "
                    + dispatch.state() + ")", "state", Map.of("taskId", taskId));
        }
        return Mono.fromCallable(() -> send(dispatch, text)).subscribeOn(Schedulers.boundedElastic())
                .map(answered -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Map.of("success", true, "dispatch", answered)));
    }

    private A2aDispatch send(A2aDispatch dispatch, String text) {
        EventKind answer;
        try {
            answer = agents.reply(dispatch.agentUrl(), dispatch.a2aTaskId(), dispatch.contextId(),
                    "switchboard-reply:" + UUID.randomUUID(), text);
        } catch (AgentCalls.AgentUnavailable e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "The agent did not take the answer: " + e.getMessage(),
                    null, Map.of("taskId", dispatch.taskId()));
        }
        if (!(answer instanceof Task task)) {
            return dispatch;
        }
        A2aDispatch now = dispatch.with(A2aTaskFacts.state(task), A2aTaskFacts.statusText(task),
                task.getArtifacts() == null ? dispatch.artifacts() : A2aTaskFacts.artifacts(task), clock.instant());
        try {
            dispatches.write(now);
        } catch (TimeoutException e) {
            // The agent has the answer; the tracker's next poll records what it does with it.
            return dispatch;
        }
        return now;
    }

    /** The gateway's own answers in the services' error shape ({@code {error, field, taskId}}). */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    private A2aDispatch find(String taskId) {
        return dispatches.get(taskId).orElseThrow(() -> ApiException.notFound("A2A dispatch", "taskId", taskId));
    }
}
