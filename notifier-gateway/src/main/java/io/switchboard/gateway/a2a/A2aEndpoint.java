package io.switchboard.gateway.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.a2a.spec.CancelTaskRequest;
import io.a2a.spec.CancelTaskResponse;
import io.a2a.spec.GetTaskRequest;
import io.a2a.spec.GetTaskResponse;
import io.a2a.spec.InternalError;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.InvalidRequestError;
import io.a2a.spec.JSONParseError;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.JSONRPCErrorResponse;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.MethodNotFoundError;
import io.a2a.spec.SendMessageRequest;
import io.a2a.spec.SendMessageResponse;
import io.a2a.spec.SendStreamingMessageRequest;
import io.a2a.spec.SendStreamingMessageResponse;
import io.a2a.spec.StreamingEventKind;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskNotCancelableError;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TaskResubscriptionRequest;
import io.a2a.util.Utils;
import io.switchboard.gateway.events.FrameFilter;
import io.switchboard.gateway.events.LiveEvents;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Set;

/**
 * The A2A JSON-RPC methods on {@code POST /a2a}: {@code message/send} and {@code message/stream} create a task,
 * {@code tasks/get}, {@code tasks/cancel} and {@code tasks/resubscribe} follow one. Each is the REST call it stands
 * for ({@link TaskApi}); a stream carries the task's state, read again at every lifecycle event of it, until the
 * task ends. Push notifications are not offered (the card says so): follow a task by its stream instead.
 */
final class A2aEndpoint {

    private static final ObjectMapper JSON = Utils.OBJECT_MAPPER;

    private final TaskApi tasks;
    private final LiveEvents live;
    private final Duration keepAlive;

    A2aEndpoint(TaskApi tasks, LiveEvents live, Duration keepAlive) {
        this.tasks = tasks;
        this.live = live;
        this.keepAlive = keepAlive;
    }

    Mono<ServerResponse> call(ServerRequest request) {
        HttpHeaders caller = request.headers().asHttpHeaders();
        return request.bodyToMono(String.class).defaultIfEmpty("").flatMap(body -> {
            JsonNode call;
            try {
                call = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                return error(null, new JSONParseError("not JSON: " + e.getOriginalMessage()));
            }
            if (call == null || !call.isObject() || !"2.0".equals(call.path("jsonrpc").asText())
                    || !call.path("method").isTextual()
                    || call.has("id") && !(call.get("id").isTextual() || call.get("id").isIntegralNumber()
                    || call.get("id").isNull())) {
                return error(null, new InvalidRequestError("a JSON-RPC 2.0 request with a method (and an id that is"
                        + " a string or an integer)"));
            }
            Object id = id(call.get("id"));
            String method = call.path("method").asText();
            try {
                return switch (method) {
                    case SendMessageRequest.METHOD -> send(id, params(call, MessageSendParams.class), caller);
                    case SendStreamingMessageRequest.METHOD ->
                            stream(id, params(call, MessageSendParams.class), caller);
                    case GetTaskRequest.METHOD -> get(id, params(call, TaskQueryParams.class), caller);
                    case CancelTaskRequest.METHOD -> cancel(id, params(call, TaskIdParams.class), caller);
                    case TaskResubscriptionRequest.METHOD -> resubscribe(id, params(call, TaskIdParams.class),
                            caller);
                    default -> error(id, new MethodNotFoundError());
                };
            } catch (A2aTasks.Refused | IllegalArgumentException e) {
                return error(id, new InvalidParamsError(e.getMessage()));
            }
        });
    }

    /** Whatever else goes wrong (a timeout of the REST call, the gateway unable to reach itself) is still JSON-RPC. */
    Mono<ServerResponse> callSafely(ServerRequest request) {
        return call(request).onErrorResume(error -> error(null, new InternalError(
                "Switchboard could not answer: " + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage()))));
    }

    private Mono<ServerResponse> send(Object id, MessageSendParams params, HttpHeaders caller) {
        return create(params, caller).flatMap(answer -> answer.ok()
                ? json(HttpStatus.OK, new SendMessageResponse(id, A2aTasks.task(answer.body().path("task"))))
                : failed(id, answer, false));
    }

    private Mono<ServerResponse> stream(Object id, MessageSendParams params, HttpHeaders caller) {
        return create(params, caller).flatMap(answer -> answer.ok()
                ? events(id, answer.body().path("task").path("id").asString(), caller)
                : failed(id, answer, false));
    }

    private Mono<ServerResponse> get(Object id, TaskQueryParams params, HttpHeaders caller) {
        return tasks.get(required(params.id()), caller).flatMap(answer -> answer.ok()
                ? json(HttpStatus.OK, new GetTaskResponse(id, A2aTasks.task(answer.body().path("task"))))
                : failed(id, answer, false));
    }

    /**
     * A task that has ended cannot be cancelled (A2A's rule; Switchboard's own cancel of a cancelled task answers it
     * as it is). One that ends between the two calls is refused by task-service (409), the same error.
     */
    private Mono<ServerResponse> cancel(Object id, TaskIdParams params, HttpHeaders caller) {
        String taskId = required(params.id());
        return tasks.get(taskId, caller).flatMap(current -> {
            if (!current.ok()) {
                return failed(id, current, true);
            }
            String status = current.body().path("task").path("status").asString();
            if (A2aTasks.state(status).isFinal()) {
                return error(id, new TaskNotCancelableError("Task " + taskId + " has ended: " + status));
            }
            return tasks.cancel(taskId, caller).flatMap(answer -> answer.ok()
                    ? json(HttpStatus.OK, new CancelTaskResponse(id, A2aTasks.task(answer.body().path("task"))))
                    : failed(id, answer, true));
        });
    }

    private Mono<ServerResponse> resubscribe(Object id, TaskIdParams params, HttpHeaders caller) {
        String taskId = required(params.id());
        return tasks.get(taskId, caller).flatMap(answer -> answer.ok() ? events(id, taskId, caller)
                : failed(id, answer, false));
    }

    private Mono<TaskApi.Answer> create(MessageSendParams params, HttpHeaders caller) {
        // The message id makes the create idempotent: a client that sends the same message again gets the same task.
        String messageId = params.message() == null ? null : params.message().getMessageId();
        return tasks.create(A2aTasks.createBody(params), "a2a-" + required(messageId), caller);
    }

    /**
     * The task as it is, then again at each of its lifecycle events, until it ends. The live events are joined
     * before the first read, so a change between the two is never missed.
     */
    private Mono<ServerResponse> events(Object id, String taskId, HttpHeaders caller) {
        // publish(...) joins the live events when the answer is subscribed, and leaves them when it ends or the
        // client goes; the first read is queued before them.
        Flux<Object> reads = live.stream(new FrameFilter(Set.of(), taskId, null, null)).map(frame -> (Object) frame)
                .publish(frames -> Flux.concat(Mono.just((Object) taskId), frames));
        Flux<StreamingEventKind> updates = reads
                .concatMap(change -> tasks.get(taskId, caller))
                .filter(TaskApi.Answer::ok)
                .map(answer -> answer.body().path("task"))
                .distinctUntilChanged(task -> task.path("version").asLong())
                .index()
                .map(indexed -> indexed.getT1() == 0 ? (StreamingEventKind) A2aTasks.task(indexed.getT2())
                        : A2aTasks.update(indexed.getT2()))
                .takeUntil(A2aEndpoint::last);
        Flux<ServerSentEvent<String>> sent = updates.map(event -> ServerSentEvent.builder(
                write(new SendStreamingMessageResponse(id, event))).build())
                // A task may wait long for an agent: a comment now and then keeps proxies from closing a quiet stream.
                .publish(shared -> Flux.merge(shared, Flux.interval(keepAlive)
                        .map(beat -> ServerSentEvent.<String>builder().comment("keep-alive").build())
                        .takeUntilOther(shared.ignoreElements())));
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(sent, ServerSentEvent.class);
    }

    private static boolean last(StreamingEventKind event) {
        return event instanceof io.a2a.spec.TaskStatusUpdateEvent update ? update.isFinal()
                : event instanceof io.a2a.spec.Task task && task.getStatus().state().isFinal();
    }

    /** A REST answer that was not a success, as the JSON-RPC error it means. */
    private static Mono<ServerResponse> failed(Object id, TaskApi.Answer answer, boolean cancelling) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            return error(HttpStatus.valueOf(status), id, new InvalidRequestError(answer.error()));
        }
        JSONRPCError error = switch (status) {
            case 400, 415 -> new InvalidParamsError(answer.error());
            case 404 -> new TaskNotFoundError();
            case 409 -> cancelling ? new TaskNotCancelableError(answer.error()) : new InvalidParamsError(answer.error());
            default -> new InternalError(answer.error());
        };
        return error(id, error);
    }

    private static String required(String taskId) {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("params: the id is required");
        }
        return taskId;
    }

    private static <T> T params(JsonNode call, Class<T> type) {
        JsonNode params = call.get("params");
        if (params == null || !params.isObject()) {
            throw new IllegalArgumentException("params: required, an object");
        }
        try {
            return JSON.treeToValue(params, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("params: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** JSON-RPC's id as A2A's types take it: null, a string, or an integer (a larger number goes back as text). */
    private static Object id(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        return id.canConvertToInt() && id.isIntegralNumber() ? (Object) id.asInt() : id.asText();
    }

    private static Mono<ServerResponse> error(Object id, JSONRPCError error) {
        return error(HttpStatus.OK, id, error);
    }

    // JSON-RPC answers its errors with 200, the error in the body; only a refused credential keeps its HTTP status.
    private static Mono<ServerResponse> error(HttpStatus status, Object id, JSONRPCError error) {
        return json(status, new JSONRPCErrorResponse(id, error));
    }

    private static Mono<ServerResponse> json(HttpStatus status, Object answer) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(write(answer));
    }

    private static String write(Object answer) {
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An A2A answer could not be written", e);
        }
    }
}
