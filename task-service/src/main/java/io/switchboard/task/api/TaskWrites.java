package io.switchboard.task.api;

import io.switchboard.web.ApiException;
import io.switchboard.aggregate.CommandSender;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.CommandOutcome;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.task.lifecycle.TaskRules;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Sends a command built by a REST handler and turns its result into the answer or the error of the call. */
final class TaskWrites {

    private final CommandSender<TaskCommand, CommandResult> sender;
    private final String instanceId;
    private final Clock clock;

    TaskWrites(CommandSender<TaskCommand, CommandResult> sender, String instanceId, Clock clock) {
        this.sender = sender;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /**
     * The command's envelope. A path id that cannot be a task id names no task (404); an over-long actor header is
     * refused before anything is sent.
     */
    CommandMeta meta(String taskId, String actor, Long expectedVersion) {
        if (TaskRules.taskId(taskId).isPresent()) {
            throw TaskController.notFound(taskId);
        }
        if (TaskRules.actor(actor).isPresent()) {
            throw ApiException.badRequest("X-Switchboard-Actor must be at most " + TaskRules.MAX_ACTOR + " characters",
                    TaskController.ACTOR);
        }
        return new CommandMeta(UUID.randomUUID().toString(), taskId, actor, clock.instant(), expectedVersion,
                instanceId);
    }

    /** Applies the command; an answer is either APPLIED or UNCHANGED, anything else is an {@link ApiException}. */
    Mono<CommandResult> apply(Function<CommandMeta, TaskCommand> command, CommandMeta meta) {
        TaskCommand built = command.apply(meta);
        return Mono.defer(() -> Mono.fromFuture(sender.send(built)))
                .onErrorMap(e -> !(e instanceof ApiException), e -> unavailable(meta, e))
                .map(result -> {
                    if (result.outcome() == CommandOutcome.REJECTED) {
                        throw rejected(result);
                    }
                    return result;
                });
    }

    private static ApiException rejected(CommandResult result) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("taskId", result.taskId());
        if (result.task() != null) {
            extra.put("status", result.task().status());
            extra.put("version", result.task().version());
        }
        return switch (result.rejection()) {
            case NOT_FOUND -> TaskController.notFound(result.taskId());
            case ALREADY_EXISTS, ILLEGAL_TRANSITION ->
                    new ApiException(HttpStatus.CONFLICT, result.error(), result.field(), extra);
            case VERSION_MISMATCH ->
                    new ApiException(HttpStatus.PRECONDITION_FAILED, result.error(), result.field(), extra);
            case INVALID -> new ApiException(HttpStatus.BAD_REQUEST, result.error(), result.field(), extra);
        };
    }

    private static ApiException unavailable(CommandMeta meta, Throwable error) {
        String why = error instanceof TimeoutException
                ? "The change was not confirmed in time; it may still be applied. Check the task before retrying"
                : "The change could not be sent to Kafka; nothing was applied. Retry shortly";
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, why, null,
                Map.of("taskId", meta.taskId(), "commandId", meta.commandId()));
    }
}
