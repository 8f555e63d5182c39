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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    // Texts of the OpenAPI document (springdoc, /v3/api-docs) that several operations share.
    private static final String JSON = "application/json";
    private static final String TASK_ID_DOC = "The task's id";
    private static final String IF_MATCH_DOC = "Apply the change only if the task is still at this version: its ETag, "
            + "such as \"3\" (412 when it moved on); * or none for any version";
    private static final String IDEMPOTENCY_KEY_DOC = "Makes a retry land on the same task when the body has no id: "
            + "the task's id is derived from this key";
    private static final String ETAG_DOC = "The task's version, quoted, such as \"3\"";
    private static final String LOCATION_DOC = "The task's URL, /api/tasks/{taskId}";

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

    @Operation(operationId = "listTasks", summary = "List tasks, filtered, searched and paged",
            description = "Filters are optional and combine with AND. Tasks come oldest first (creation time, then "
                    + "id), or newest first with order=newest; nextCursor fetches the next page. With counts=true the "
                    + "answer also counts every task by status and priority, whatever the filters.")
    @ApiResponse(responseCode = "200", description = "One page of the matching tasks",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskPage.class)))
    @GetMapping
    Mono<Map<String, Object>> list(
            @Parameter(description = "Only tasks in these statuses (case-insensitive, comma-separated); OPEN stands "
                    + "for every status that is not final (PENDING, ASSIGNED, IN_PROGRESS)",
                    schema = @Schema(type = "string", example = "PENDING,IN_PROGRESS"))
            @RequestParam(required = false) String status,
            @Parameter(description = "Only tasks of this priority (case-insensitive)",
                    schema = @Schema(implementation = Priority.class))
            @RequestParam(required = false) String priority,
            @Parameter(description = "Only tasks held by this agent (its id)")
            @RequestParam(required = false) String agent,
            @Parameter(description = "true: only tasks that have an agent; false: only tasks that have none",
                    schema = @Schema(type = "boolean"))
            @RequestParam(required = false) String assigned,
            @Parameter(description = "Only tasks that require or prefer this capability (case-insensitive)")
            @RequestParam(required = false) String capability,
            @Parameter(description = "Only tasks with this label, as key:value (or key=value); repeatable, all must "
                    + "match", array = @ArraySchema(schema = @Schema(type = "string", example = "team:platform")))
            @RequestParam(name = "label", required = false) List<String> labels,
            @Parameter(description = "Words (separated by spaces) that must all appear, case-insensitively, in the "
                    + "task's id, name, description, agent, status, priority, capabilities or labels (key:value)",
                    schema = @Schema(type = "string", example = "checkout p1"))
            @RequestParam(required = false) String q,
            @Parameter(description = "oldest (the default) or newest first",
                    schema = @Schema(type = "string", allowableValues = {"oldest", "newest"}))
            @RequestParam(required = false) String order,
            @Parameter(description = "Page size, from 1 to switchboard.tasks.max-page-size (1000), which is also the "
                    + "default", schema = @Schema(type = "integer", format = "int32", minimum = "1"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "The nextCursor of the previous page")
            @RequestParam(required = false) String cursor,
            @Parameter(description = "true: the answer also has counts, over every task",
                    schema = @Schema(type = "boolean"))
            @RequestParam(required = false) String counts) {
        TaskQuery query = new TaskQuery(QueryParams.statuses(status),
                priority == null ? null : JsonBody.parseEnum(priority, "priority", Priority.class),
                agent, QueryParams.flag(assigned, "assigned"), capability, QueryParams.labels(labels),
                QueryParams.words(q), QueryParams.newestFirst(order), QueryParams.limit(limit, maxPageSize),
                QueryParams.cursor(cursor));
        Boolean withCounts = QueryParams.flag(counts, "counts");
        if (Boolean.TRUE.equals(withCounts)) {
            return reads.pageAndCounts(query).map(listing -> {
                Map<String, Object> body = pageBody(listing.page());
                body.put("counts", listing.counts());
                return body;
            });
        }
        return reads.page(query).map(TaskController::pageBody);
    }

    @Operation(operationId = "listTasksByStatus", summary = "List every task in one status",
            description = "The seed's list by status: every matching task, oldest first, in one page.")
    @ApiResponse(responseCode = "200", description = "Every task in that status",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskPage.class)))
    @GetMapping("/status/{status}")
    Mono<Map<String, Object>> byStatus(
            @Parameter(description = "The status (case-insensitive)",
                    schema = @Schema(implementation = TaskStatus.class))
            @PathVariable String status) {
        TaskStatus wanted = JsonBody.parseEnum(status, "status", TaskStatus.class);
        return reads.page(TaskQuery.every(wanted, null))
                .map(TaskController::pageBody);
    }

    @Operation(operationId = "listTasksByPriority", summary = "List every task of one priority",
            description = "The seed's list by priority: every matching task, oldest first, in one page.")
    @ApiResponse(responseCode = "200", description = "Every task of that priority",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskPage.class)))
    @GetMapping("/priority/{priority}")
    Mono<Map<String, Object>> byPriority(
            @Parameter(description = "The priority (case-insensitive)",
                    schema = @Schema(implementation = Priority.class))
            @PathVariable String priority) {
        Priority wanted = JsonBody.parseEnum(priority, "priority", Priority.class);
        return reads.page(TaskQuery.every(null, wanted))
                .map(TaskController::pageBody);
    }

    /** With {@code X-Switchboard-Min-Version}: the version a client wrote (its ETag), answered without a round trip. */
    @Operation(operationId = "getTask", summary = "Get a task",
            description = "With X-Switchboard-Min-Version, the version a client wrote (its ETag), an instance that "
                    + "holds that version or a later one answers without a round trip to the broker.")
    @ApiResponse(responseCode = "200", description = "The task",
            headers = @Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @GetMapping("/{taskId}")
    Mono<ResponseEntity<Map<String, Object>>> one(
            @Parameter(description = TASK_ID_DOC) @PathVariable String taskId,
            @Parameter(description = "The least version of the task the answer must show: the ETag of the client's "
                    + "own write, such as 3 or \"3\"")
            @RequestHeader(name = MIN_VERSION, required = false) String minVersion) {
        Mono<TaskState> read = minVersion == null ? reads.one(taskId)
                : reads.atLeast(taskId, QueryParams.minVersion(minVersion, MIN_VERSION));
        return read.map(state -> taskAnswer(HttpStatus.OK, state.task()));
    }

    @Operation(operationId = "getTaskHistory", summary = "Get a task's history",
            description = "Every change of status (and of priority), with its time, its actor and its reason.")
    @ApiResponse(responseCode = "200", description = "The task's history",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskHistory.class)))
    @GetMapping("/{taskId}/history")
    Mono<Map<String, Object>> history(@Parameter(description = TASK_ID_DOC) @PathVariable String taskId) {
        return reads.one(taskId).map(TaskController::historyBody);
    }

    @Operation(operationId = "createTask", summary = "Create a task",
            description = "Idempotent on the task's id, or on the Idempotency-Key header when the body has no id: "
                    + "the same request again is answered 200 with the task as it is now, a different one for a taken "
                    + "id 409.")
    @ApiResponse(responseCode = "201", description = "The task was created",
            headers = {@Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
                    @Header(name = "Location", description = LOCATION_DOC, schema = @Schema(type = "string"))},
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @ApiResponse(responseCode = "200", description = "The same create was made before: the task as it is now",
            headers = {@Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
                    @Header(name = "Location", description = LOCATION_DOC, schema = @Schema(type = "string"))},
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = NewTask.class)))
            @RequestBody(required = false) String body,
            @Parameter(description = IDEMPOTENCY_KEY_DOC)
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        JsonBody json = JsonBody.parse(body, false).allowOnly(TaskRequests.CREATE_FIELDS);
        TaskRequests.NewTask task = TaskRequests.newTask(json, defaultRetry);
        String id = taskId(task.id(), idempotencyKey);
        return created(writes.apply(meta -> new CreateTask(meta, task.spec()), writes.meta(id, actor, null)));
    }

    /** The migration form of create: the task enters in the state it has elsewhere (status, agent, progress, times). */
    @Operation(operationId = "importTask", summary = "Import a task in the state it has elsewhere",
            description = "The migration form of create: the task enters in the state it has elsewhere (status, "
                    + "agent, progress, times), and task.created carries imported: true. Idempotent as create is.")
    @ApiResponse(responseCode = "201", description = "The task was imported",
            headers = {@Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
                    @Header(name = "Location", description = LOCATION_DOC, schema = @Schema(type = "string"))},
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @ApiResponse(responseCode = "200", description = "The same import was made before: the task as it is now",
            headers = {@Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
                    @Header(name = "Location", description = LOCATION_DOC, schema = @Schema(type = "string"))},
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @PostMapping("/import")
    Mono<ResponseEntity<Map<String, Object>>> importTask(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskImport.class)))
            @RequestBody(required = false) String body,
            @Parameter(description = IDEMPOTENCY_KEY_DOC)
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        JsonBody json = JsonBody.parse(body, false).allowOnly(TaskRequests.IMPORT_FIELDS);
        TaskRequests.NewTask task = TaskRequests.newTask(json, defaultRetry);
        ImportedState state = TaskRequests.importedState(json);
        String id = taskId(task.id(), idempotencyKey);
        return created(writes.apply(meta -> new ImportTask(meta, task.spec(), state), writes.meta(id, actor, null)));
    }

    @Operation(operationId = "updateTaskProgress", summary = "Report a task's progress",
            description = "The seed's progress update: progress on an ASSIGNED task starts it; progress 100, or "
                    + "status COMPLETED, completes it.")
    @ApiResponse(responseCode = "200", description = "The task after the update",
            headers = @Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @PutMapping("/{taskId}/progress")
    Mono<ResponseEntity<Map<String, Object>>> progress(
            @Parameter(description = TASK_ID_DOC) @PathVariable String taskId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = ProgressUpdate.class)))
            @RequestBody(required = false) String body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        TaskRequests.Progress progress = TaskRequests.progress(JsonBody.parse(body, false));
        return changed(writes.apply(meta -> new UpdateProgress(meta, progress.progress(), progress.status()),
                writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    /** A new priority; the SLA deadline moves with it. */
    @Operation(operationId = "changeTaskPriority", summary = "Change a task's priority",
            description = "A new priority for a task that is not final; its SLA deadline moves with it, and the "
                    + "change is a line of its history.")
    @ApiResponse(responseCode = "200", description = "The task with its new priority",
            headers = @Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @PutMapping("/{taskId}/priority")
    Mono<ResponseEntity<Map<String, Object>>> priority(
            @Parameter(description = TASK_ID_DOC) @PathVariable String taskId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = PriorityChange.class)))
            @RequestBody(required = false) String body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        JsonBody json = JsonBody.parse(body, false).allowOnly(Set.of("priority", "reason"));
        Priority priority = json.enumValue("priority", Priority.class);
        if (priority == null) {
            throw ApiException.badRequest("priority is required", "priority");
        }
        String reason = json.string("reason");
        return changed(writes.apply(meta -> new ReprioritiseTask(meta, priority, reason),
                writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    @Operation(operationId = "startTask", summary = "Start an assigned task", description = "ASSIGNED to IN_PROGRESS.")
    @ApiResponse(responseCode = "200", description = "The task, now in progress",
            headers = @Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @PostMapping("/{taskId}/start")
    Mono<ResponseEntity<Map<String, Object>>> start(
            @Parameter(description = TASK_ID_DOC) @PathVariable String taskId,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        return changed(writes.apply(StartTask::new, writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    @Operation(operationId = "completeTask", summary = "Complete a task")
    @ApiResponse(responseCode = "200", description = "The task, now completed",
            headers = @Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @PostMapping("/{taskId}/complete")
    Mono<ResponseEntity<Map<String, Object>>> complete(
            @Parameter(description = TASK_ID_DOC) @PathVariable String taskId,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        return changed(writes.apply(CompleteTask::new, writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    @Operation(operationId = "failTask", summary = "Report a failed attempt at a task",
            description = "The task goes back to PENDING, after its retry backoff, while its retry policy allows "
                    + "another attempt; else it is FAILED.")
    @ApiResponse(responseCode = "200", description = "The task, back in the queue or failed",
            headers = @Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @PostMapping("/{taskId}/fail")
    Mono<ResponseEntity<Map<String, Object>>> fail(
            @Parameter(description = TASK_ID_DOC) @PathVariable String taskId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = FailureReport.class)))
            @RequestBody(required = false) String body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        String reason = TaskRequests.reason(JsonBody.parse(body, false), true);
        return changed(writes.apply(meta -> new FailTask(meta, reason),
                writes.meta(taskId, actor, QueryParams.ifMatch(ifMatch))));
    }

    @Operation(operationId = "cancelTask", summary = "Cancel a task",
            description = "From any status that is not final.")
    @ApiResponse(responseCode = "200", description = "The task, now cancelled",
            headers = @Header(name = "ETag", description = ETAG_DOC, schema = @Schema(type = "string")),
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TaskAnswer.class)))
    @PostMapping("/{taskId}/cancel")
    Mono<ResponseEntity<Map<String, Object>>> cancel(
            @Parameter(description = TASK_ID_DOC) @PathVariable String taskId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = Cancellation.class)))
            @RequestBody(required = false) String body,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
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
