package io.switchboard.gateway.security;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * Which agent holds a task, asked of task-service when an agent key acts on a task. The answer may be stale by the
 * time the write arrives (the task reassigned in between); the task's own state machine still refuses a write that
 * no longer fits, so the check keeps agents off others' tasks without being a lock.
 */
public final class TaskHolders {

    private final WebClient tasks;
    private final Duration timeout;

    public TaskHolders(WebClient tasks, Duration timeout) {
        this.tasks = tasks;
        this.timeout = timeout;
    }

    /** The id of the agent holding the task; empty if no agent does or there is no such task. */
    public Mono<String> holder(String taskId) {
        return tasks.get().uri("/api/tasks/{id}", taskId).retrieve().bodyToMono(JsonNode.class)
                .timeout(timeout)
                .mapNotNull(body -> body.path("task").path("agent").asString(null))
                .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.empty())
                .onErrorMap(error -> !(error instanceof ResponseStatusException), error -> new ResponseStatusException(
                        HttpStatus.SERVICE_UNAVAILABLE, "Could not check who holds task " + taskId
                        + "; retry shortly", error));
    }
}
