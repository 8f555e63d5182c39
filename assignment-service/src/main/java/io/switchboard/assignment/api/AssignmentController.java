package io.switchboard.assignment.api;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.RequestChannel;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.aggregate.StateView;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.assignment.AssignmentRequest;
import io.switchboard.events.assignment.AssignmentResult;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.web.ApiException;
import io.switchboard.web.ConsistentReads;
import io.switchboard.web.JsonBody;
import io.switchboard.web.WebSupportConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The seed's assignment endpoints, answered through the owners: the decider (over Kafka) decides, task-service
 * applies, and the answer is the task as task-service then holds it, with its agent as the registry holds it.
 */
@RestController
@RequestMapping("/api/tasks")
@Import(WebSupportConfiguration.class)
class AssignmentController {

    static final String ACTOR = "X-Switchboard-Actor";
    private static final Duration APPLIED_POLL = Duration.ofMillis(20);
    private static final String JSON = "application/json";

    private final RequestChannel<AssignmentRequest, AssignmentResult> requests;
    private final StateView<TaskState> tasks;
    private final StateView<AgentState> agents;
    private final ConsistentReads consistent;
    private final ConsistentReads consistentAgents;
    private final DelegationReport report;
    private final Duration timeout;
    private final String instanceId;
    private final Clock clock;

    AssignmentController(RequestChannel<AssignmentRequest, AssignmentResult> assignmentRequests,
                         StateView<TaskState> taskView, StateView<AgentState> agentView, DelegationReport report,
                         ServiceProperties properties, KafkaClients clients, Clock clock) {
        this.requests = assignmentRequests;
        this.tasks = taskView;
        this.agents = agentView;
        this.consistent = new ConsistentReads(taskView.barrier(), true, properties.readTimeout(),
                properties.readStaleAfter());
        this.consistentAgents = new ConsistentReads(agentView.barrier(), true, properties.readTimeout(),
                properties.readStaleAfter());
        this.report = report;
        this.timeout = properties.commandTimeout();
        this.instanceId = clients.instanceId();
        this.clock = clock;
    }

    /** Assign to the best eligible agent, or to {@code {agentId}} if it is eligible. */
    @Operation(operationId = "assignTask", summary = "Assign a task to the best eligible agent, or to the one named",
            description = "Assign to the best eligible agent, or to {agentId} if it is eligible. Answered once "
                    + "task-service has applied the decision.")
    @ApiResponse(responseCode = "200", description = "The task, assigned, and its agent",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AssignmentAnswer.class)))
    @PostMapping("/{taskId}/assign")
    Mono<Map<String, Object>> assign(
            @Parameter(description = "The task's id") @PathVariable String taskId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = AssignmentChoice.class)))
            @RequestBody(required = false) String body,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        String agentId = JsonBody.parse(body, true).allowOnly(Set.of("agentId")).string("agentId");
        return ask(new AssignmentRequest(UUID.randomUUID().toString(), AssignmentRequest.Kind.ASSIGN, taskId, agentId,
                actor, clock.instant(), instanceId)).flatMap(this::assignedAnswer);
    }

    /** Assign the first task of the queue that has an eligible agent. */
    @Operation(operationId = "assignNextTask",
            summary = "Assign the first task of the queue that has an eligible agent",
            description = "Any assignment mode. When no pending task has an eligible agent the answer is "
                    + "{success: true, message: \"No tasks in queue\", task: null}.")
    @ApiResponse(responseCode = "200", description = "The task assigned and its agent, or no task",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AssignmentAnswer.class)))
    @PostMapping("/queue/next")
    Mono<Map<String, Object>> next(
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, defaultValue = "api") String actor) {
        return ask(new AssignmentRequest(UUID.randomUUID().toString(), AssignmentRequest.Kind.QUEUE_NEXT, null, null,
                actor, clock.instant(), instanceId)).flatMap(result -> {
                    if (result.outcome() == AssignmentResult.Outcome.NO_TASK) {
                        Map<String, Object> answer = new LinkedHashMap<>();
                        answer.put("success", true);
                        answer.put("message", "No tasks in queue");
                        answer.put("task", null);
                        return Mono.just(answer);
                    }
                    return assignedAnswer(result);
                });
    }

    /** The seed's delegation report: tasks by status and priority, agents' load, the queue, SLA standing. */
    @Operation(operationId = "getDelegationReport", summary = "Get the delegation report",
            description = "The seed's delegation report: tasks by status and priority, agents' load, the queue, SLA "
                    + "standing, and under report the same in the seed server's own shape. Counts every write "
                    + "answered before it.")
    @ApiResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = DelegationReportAnswer.class)))
    @GetMapping("/report/delegation")
    Mono<Map<String, Object>> delegation() {
        return Mono.when(consistent.ready(), consistentAgents.ready()).then(Mono.fromSupplier(() -> report.build(tasks.store().all(),
                agents.store().all(), clock.instant())));
    }

    private Mono<AssignmentResult> ask(AssignmentRequest request) {
        return Mono.defer(() -> Mono.fromFuture(requests.sender().send(request)))
                .onErrorMap(e -> !(e instanceof ApiException), e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                        e instanceof TimeoutException
                                ? "No decision in time; the decider may be changing hands. Check the task, then retry"
                                : "The request could not be sent to Kafka; retry shortly", null, Map.of()));
    }

    private Mono<Map<String, Object>> assignedAnswer(AssignmentResult result) {
        return switch (result.outcome()) {
            case ASSIGNED -> applied(result);
            case TASK_NOT_FOUND -> Mono.error(ApiException.notFound("Task", "taskId", result.taskId()));
            case AGENT_NOT_FOUND -> Mono.error(ApiException.notFound("Agent", "agentId", result.agentId()));
            case NO_AGENT -> Mono.error(new ApiException(HttpStatus.NOT_FOUND, "No available agent for task", null,
                    Map.of("taskId", result.taskId())));
            case NOT_PENDING -> Mono.error(new ApiException(HttpStatus.CONFLICT, result.message(), result.field(),
                    Map.of("taskId", result.taskId())));
            case INELIGIBLE -> Mono.error(ApiException.badRequest(result.message(), result.field()));
            case NO_TASK -> Mono.error(new IllegalStateException("NO_TASK answers only the queue"));
        };
    }

    /** Waits until task-service has applied the decision (the task's version moved on) and answers with the task. */
    private Mono<Map<String, Object>> applied(AssignmentResult result) {
        return Mono.defer(() -> consistent.caughtUp().then(Mono.justOrEmpty(tasks.store().get(result.taskId()))))
                .filter(state -> state.version() > result.taskVersion())
                .repeatWhenEmpty(attempts -> attempts.delayElements(APPLIED_POLL))
                .timeout(timeout, Mono.error(new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                        "The assignment was decided but not yet applied; check the task", null,
                        Map.of("taskId", result.taskId()))))
                .map(state -> {
                    Task task = state.task();
                    if (!result.agentId().equals(task.agent())) {
                        throw new ApiException(HttpStatus.CONFLICT, "Task " + task.id()
                                + " changed while it was being assigned; try again", null,
                                Map.of("taskId", task.id(), "status", task.status()));
                    }
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("success", true);
                    answer.put("message", result.message());
                    answer.put("task", task);
                    answer.put("agent", agents.store().get(task.agent()).map(AgentState::agent)
                            .orElse(null));
                    return answer;
                });
    }

}
