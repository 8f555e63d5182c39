package io.switchboard.task.api;

import io.switchboard.web.ApiException;
import io.switchboard.web.JsonBody;
import io.switchboard.events.command.CancelTask;
import io.switchboard.events.command.CommandOutcome;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.CompleteTask;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.command.FailTask;
import io.switchboard.events.command.ImportTask;
import io.switchboard.events.command.ReprioritiseTask;
import io.switchboard.events.command.StartTask;
import io.switchboard.events.command.UpdateProgress;
import io.switchboard.events.task.ImportedState;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.RetryPolicy;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.task.config.TaskProperties;
import io.switchboard.task.store.TaskQuery;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The task API: the seed's endpoints with the seed's shapes ({@code {success, task}}, {@code {success, tasks,
 * count}}), plus create, import, start, complete, cancel, history, filters and paging. Every write is a command
 * to the owner of the task's partition and is answered once the change is durable in Kafka.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    static final String ACTOR = "X-Switchboard-Actor";
    /** A read that must see at least this version of the task (the ETag of the client's own write). */
    static final String MIN_VERSION = "X-Switchboard-Min-Version";

    private final TaskReads reads;
    private final TaskWrites writes;
    private final RetryPolicy defaultRetry;
    private final int maxPageSize;

    TaskController(TaskReads reads, TaskWrites writes, TaskProperties tasks) {
        this.reads = reads;
        this.writes = writes;
        this.defaultRetry = new RetryPolicy(tasks.defaultMaxAttempts(), tasks.defaultRetryBackoff());
        this.maxPageSize = tasks.maxPageSize();
    }

    @GetMapping
    Mono<Map<String, Object>> list(@RequestParam(required = false) String status,
                                   @RequestParam(required = false) String priority,
                                   @RequestParam(required = false) String agent,
                                   @RequestParam(required = false) String capability,
                                   @RequestParam(name = "label", required = false) List<String> labels,
                                   @RequestParam(required = false) String limit,
                                   @RequestParam(required = false) String cursor) {
        TaskQuery query = new TaskQuery(
                status == null ? null : JsonBody.parseEnum(status, "status", TaskStatus.class),
                priority == null ? null : JsonBody.parseEnum(priority, "priority", Priority.class),
                agent, capability, QueryParams.labels(labels), QueryParams.limit(limit, maxPageSize),
                QueryParams.cursor(cursor));
        return reads.page(query).map(TaskController::pageBody);
    }

    @GetMapping("/status/{status}")
    Mono<Map<String, Object>> byStatus(@PathVariable String status) {
        TaskStatus wanted = JsonBody.parseEnum(status, "status", TaskStatus.class);
        return reads.page(new TaskQuery(wanted, null, null, null, Map.of(), Integer.MAX_VALUE, null))
                .map(TaskController::pageBody);
    }

    @GetMapping("/priority/{priority}")
    Mono<Map<String, Object>> byPriority(@PathVariable String priority) {
        Priority wanted = JsonBody.parseEnum(priority, "priority", Priority.class);
        return reads.page(new TaskQuery(null, wanted, null, null, Map.of(), Integer.MAX_VALUE, null))
                .map(TaskController::pageBody);
    }

    /** With {@code X-Switchboard-Min-Version}: the version a client wrote (its ETag), answered without a round trip. */
    @GetMapping("/{taskId}")
    Mono<ResponseEntity<Map<String, Object>>> one(@PathVariable String taskId,
                                                  @RequestHeader(name = MIN_VERSION, required = false) String minVersion) {
        Mono<TaskState> read = minVersion == null ? reads.one(taskId)
                : reads.atLeast(taskId, QueryParams.minVersion(minVersion, MIN_VERSION));
        return read.map(state -> taskAnswer(HttpStatus.OK, state.task()));
    }

    @GetMapping("/{taskId}/history")
    Mono<Map<String, Object>> history(@PathVariable String taskId) {
        return reads.one(taskId).map(TaskController::historyBody);
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> create(@RequestBody(required = false) String body,
                                                     @RequestHeader(name = "Idempotency-Key", required = false)
                                                     String idempotencyKey,
                                                     @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        JsonBody json = JsonBody.parse(body, false).allowOnly(TaskRequests.CREATE_FIELDS);
        TaskRequests.NewTask task = TaskRequests.newTask(json, defaultRetry);
        String id = taskId(task.id(), idempotencyKey);
        return created(writes.apply(meta -> new CreateTask(meta, task.spec()), writes.meta(id, actor, null)));
    }

    /** The migration form of create: the task enters in the state it has elsewhere (status, agent, progress, times). */
    @PostMapping("/import")
    Mono<ResponseEntity<Map<String, Object>>> importTask(@RequestBody(required = false) String body,
                                                         @RequestHeader(name = "Idempotency-Key", required = false)
                                                         String idempotencyKey,
                                                         @RequestHeader(name = ACTOR, defaultValue = "api")
                                                         String actor) {
        JsonBody json = JsonBody.parse(body, false).allowOnly(TaskRequests.IMPORT_FIELDS);
        TaskRequests.NewTask task = TaskRequests.newTask(json, defaultRetry);
        ImportedState state = TaskRequests.importedState(json);
        String id = taskId(task.id(), idempotencyKey);
        return created(writes.apply(meta -> new ImportTask(meta, task.spec(), state), writes.meta(id, actor, null)));
    }

    @PutMapping("/{taskId}/progress")
    Mono<ResponseEntity<Map<String, Object>>> progress(@PathVariable String taskId,
                                                       @RequestBody(required = false) String body,
                                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                       @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        TaskRequests.Progress progress = TaskRequests.progress(JsonBody.parse(body, false));
        return changed(writes.apply(meta -> new UpdateProgress(meta, progress.progress(), progress.status()),
                writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    /** A new priority; the SLA deadline moves with it. */
    @PutMapping("/{taskId}/priority")
    Mono<ResponseEntity<Map<String, Object>>> priority(@PathVariable String taskId,
                                                       @RequestBody(required = false) String body,
                                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                       @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        JsonBody json = JsonBody.parse(body, false).allowOnly(Set.of("priority", "reason"));
        Priority priority = json.enumValue("priority", Priority.class);
        if (priority == null) {
            throw ApiException.badRequest("priority is required", "priority");
        }
        String reason = json.string("reason");
        return changed(writes.apply(meta -> new ReprioritiseTask(meta, priority, reason),
                writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    @PostMapping("/{taskId}/start")
    Mono<ResponseEntity<Map<String, Object>>> start(@PathVariable String taskId,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        return changed(writes.apply(StartTask::new, writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    @PostMapping("/{taskId}/complete")
    Mono<ResponseEntity<Map<String, Object>>> complete(@PathVariable String taskId,
                                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                       @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        return changed(writes.apply(CompleteTask::new, writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    @PostMapping("/{taskId}/fail")
    Mono<ResponseEntity<Map<String, Object>>> fail(@PathVariable String taskId,
                                                   @RequestBody(required = false) String body,
                                                   @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                   @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        String reason = TaskRequests.reason(JsonBody.parse(body, false), true);
        return changed(writes.apply(meta -> new FailTask(meta, reason),
                writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    @PostMapping("/{taskId}/cancel")
    Mono<ResponseEntity<Map<String, Object>>> cancel(@PathVariable String taskId,
                                                     @RequestBody(required = false) String body,
                                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                     @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        String reason = TaskRequests.reason(JsonBody.parse(body, true), false);
        return changed(writes.apply(meta -> new CancelTask(meta, reason),
                writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    static ApiException notFound(String taskId) {
        return ApiException.notFound("Task", "taskId", taskId);
    }

    /**
     * A create without an id takes one derived from its Idempotency-Key (so the retry of a create lands on the same
     * task), or a fresh one.
     */
    private static String taskId(String given, String idempotencyKey) {
        if (given != null) {
            return given;
        }
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            return "task-" + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8));
        }
        return "task-" + UUID.randomUUID();
    }

    private static Mono<ResponseEntity<Map<String, Object>>> created(Mono<CommandResult> result) {
        return result.map(r -> {
            ResponseEntity<Map<String, Object>> answer =
                    taskAnswer(r.outcome() == CommandOutcome.APPLIED ? HttpStatus.CREATED : HttpStatus.OK, r.task());
            return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                    .location(URI.create("/api/tasks/" + r.taskId())).body(answer.getBody());
        });
    }

    private static Mono<ResponseEntity<Map<String, Object>>> changed(Mono<CommandResult> result) {
        return result.map(r -> taskAnswer(HttpStatus.OK, r.task()));
    }

    private static ResponseEntity<Map<String, Object>> taskAnswer(HttpStatus status, Task task) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("task", task);
        return ResponseEntity.status(status).eTag("\"" + task.version() + "\"").body(body);
    }

    private static Map<String, Object> pageBody(TaskQuery.Page page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("tasks", page.tasks());
        body.put("count", page.tasks().size());
        body.put("total", page.total());
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    private static Map<String, Object> historyBody(TaskState state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("taskId", state.task().id());
        body.put("version", state.version());
        body.put("history", state.history());
        return body;
    }
}
