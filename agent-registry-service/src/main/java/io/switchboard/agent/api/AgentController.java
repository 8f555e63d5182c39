package io.switchboard.agent.api;

import io.switchboard.agent.a2a.AgentCards;
import io.switchboard.agent.a2a.CardRegistration;
import io.switchboard.agent.registry.AgentRules;
import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.CommandSender;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.events.agent.Agent;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.AgentCommandMeta;
import io.switchboard.events.agent.AgentCommandResult;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.agent.HeldTask;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.command.CommandOutcome;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.task.TaskEvent;
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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The agent API: the seed's endpoints with the seed's shapes ({@code {success, agents, count}},
 * {@code {success, agent}}), plus register, heartbeat, update and deregister. Every write is a command to the
 * owner of the agent's partition and is answered once the change is durable in Kafka.
 */
@RestController
@RequestMapping("/api/agents")
@Import(WebSupportConfiguration.class)
class AgentController {

    static final String ACTOR = "X-Switchboard-Actor";
    private static final Set<String> REGISTER_FIELDS = Set.of("id", "name", "capabilities", "maxConcurrentTasks",
            "reliability", "heartbeatIntervalMs", "a2a");
    private static final String CARD_URL = "a2a.cardUrl";

    // Texts of the OpenAPI document (springdoc, /v3/api-docs) that several operations share.
    private static final String JSON = "application/json";
    private static final String AGENT_ID_DOC = "The agent's id";

    private final AggregateRuntime<AgentState, AgentCommand, AgentCommandResult> runtime;
    private final CommandSender<AgentCommand, AgentCommandResult> sender;
    private final ConsistentReads consistent;
    private final String instanceId;
    private final Clock clock;
    private final AgentCards cards;

    AgentController(AggregateRuntime<AgentState, AgentCommand, AgentCommandResult> agentRuntime,
                    AggregateRuntime<TaskHolding, TaskEvent, CommandReply> holdingsRuntime,
                    KafkaClients clients, ServiceProperties properties, Clock clock, AgentCards cards) {
        this.runtime = agentRuntime;
        this.sender = agentRuntime.sender();
        // An agent's tasks, load and status follow task-service's writes through two processors: the holdings turn
        // task events into agent commands, the registry applies those. A read waits for both, then for its store, so
        // that a task assigned or failed through the API (answered once task-service committed it) shows here at once.
        this.consistent = new ConsistentReads(holdingsRuntime.processed().then(agentRuntime.processed())
                .then(agentRuntime.barrier()), properties.readYourWrites(), properties.readTimeout(),
                properties.readStaleAfter());
        this.instanceId = clients.instanceId();
        this.clock = clock;
        this.cards = cards;
    }

    @Operation(operationId = "listAgents", summary = "List the registered agents",
            description = "Filters are optional and combine with AND; agents come ordered by id.")
    @ApiResponse(responseCode = "200", description = "The matching agents",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentList.class)))
    @GetMapping
    Mono<Map<String, Object>> list(
            @Parameter(description = "Only agents in this status (case-insensitive)",
                    schema = @Schema(implementation = AgentStatus.class))
            @RequestParam(required = false) String status,
            @Parameter(description = "Only agents with this capability (case-insensitive)")
            @RequestParam(required = false) String capability) {
        AgentStatus wanted = status == null ? null : JsonBody.parseEnum(status, "status", AgentStatus.class);
        return consistent.ready().then(Mono.fromSupplier(() -> {
            List<Agent> agents = runtime.store().all().stream().filter(AgentState::visible).map(AgentState::agent)
                    .filter(a -> wanted == null || a.status() == wanted)
                    .filter(a -> capability == null || a.capabilities().stream().anyMatch(capability::equalsIgnoreCase))
                    .sorted(Comparator.comparing(Agent::id)).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("agents", agents);
            body.put("count", agents.size());
            return body;
        }));
    }

    @Operation(operationId = "getAgent", summary = "Get an agent")
    @ApiResponse(responseCode = "200", description = "The agent",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentAnswer.class)))
    @GetMapping("/{agentId}")
    Mono<Map<String, Object>> one(@Parameter(description = AGENT_ID_DOC) @PathVariable String agentId) {
        return visible(agentId).map(state -> agentBody(state.agent()));
    }

    /** The seed's list of an agent's current tasks, as the registry knows them. */
    @Operation(operationId = "listAgentTasks", summary = "List the tasks an agent holds",
            description = "The seed's list of an agent's current tasks, as the registry knows them, with what the "
                    + "agent's last heartbeat reported.")
    @ApiResponse(responseCode = "200", description = "The agent's tasks",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentTasks.class)))
    @GetMapping("/{agentId}/tasks")
    Mono<Map<String, Object>> tasks(@Parameter(description = AGENT_ID_DOC) @PathVariable String agentId) {
        return visible(agentId).map(state -> {
            List<HeldTask> tasks = state.tasks().values().stream().sorted(Comparator.comparing(HeldTask::id)).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("agentId", agentId);
            body.put("tasks", tasks);
            body.put("count", tasks.size());
            body.put("reportedByAgent", state.reportedTasks());
            return body;
        });
    }

    @Operation(operationId = "registerAgent", summary = "Register an agent, or register it again",
            description = "Registering again (an agent process that restarted) updates what the agent says about "
                    + "itself and counts as a heartbeat; a known agent keeps the reliability it earned.")
    @ApiResponse(responseCode = "201", description = "The agent was registered",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentAnswer.class)))
    @ApiResponse(responseCode = "200", description = "The agent was known and registered again",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentAnswer.class)))
    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> register(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = NewAgent.class)))
            @RequestBody(required = false) String body,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, required = false) String actor) {
        JsonBody json = JsonBody.parse(body, false).allowOnly(REGISTER_FIELDS);
        // Everything the caller sent is read (and refused when wrong) before any card is fetched.
        Asked asked = new Asked(json.string("id"), json.string("name"), json.strings("capabilities"),
                json.integer("maxConcurrentTasks", false), AgentRequests.fraction(json, "reliability"),
                json.longValue("heartbeatIntervalMs"));
        JsonBody a2a = json.object("a2a");
        if (a2a == null) {
            return register(asked, asked.id(), actor, null);
        }
        String cardUrl = a2a.allowOnly(Set.of("cardUrl")).string("cardUrl");
        if (cardUrl == null) {
            throw ApiException.badRequest(CARD_URL + " is required", CARD_URL);
        }
        return Mono.fromCallable(() -> CardRegistration.of(cards.read(cardUrl), cardUrl))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> e instanceof AgentCards.UnreadableCard || e instanceof IllegalArgumentException,
                        e -> ApiException.badRequest(e.getMessage(), CARD_URL))
                .flatMap(card -> register(asked, asked.id() == null ? card.id() : asked.id(), actor, card));
    }

    /** What a registration's body says; null fields were not sent. */
    private record Asked(String id, String name, List<String> capabilities, Integer maxConcurrentTasks,
                         Double reliability, Long heartbeatIntervalMs) {
    }

    /** A registration, with what the agent's A2A card said where the caller sent nothing else. */
    private Mono<ResponseEntity<Map<String, Object>>> register(Asked asked, String id, String actor,
                                                               CardRegistration card) {
        if (id == null) {
            throw ApiException.badRequest("id is required", "id");
        }
        AgentRules.agentId(id).ifPresent(violation -> {
            throw ApiException.badRequest(violation.message(), "id");
        });
        AgentCommand.Register register = new AgentCommand.Register(meta(id, actor == null ? id : actor),
                asked.name() == null && card != null ? card.name() : asked.name(),
                asked.capabilities() == null && card != null ? card.capabilities() : asked.capabilities(),
                asked.maxConcurrentTasks(), asked.reliability(), asked.heartbeatIntervalMs(),
                card == null ? null : card.endpoint());
        return send(register).map(result -> ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(agentBody(result.agent())));
    }

    @Operation(operationId = "heartbeatAgent", summary = "Report that an agent is alive",
            description = "An agent that misses switchboard.agents.missed-heartbeats intervals (3) goes OFFLINE and "
                    + "its tasks go back to the queue; its next heartbeat brings it back.")
    @ApiResponse(responseCode = "200", description = "The agent after its heartbeat",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentAnswer.class)))
    @PostMapping("/{agentId}/heartbeat")
    Mono<Map<String, Object>> heartbeat(
            @Parameter(description = AGENT_ID_DOC) @PathVariable String agentId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentHeartbeat.class)))
            @RequestBody(required = false) String body,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, required = false) String actor) {
        JsonBody json = JsonBody.parse(body, true).allowOnly(Set.of("runningTasks", "overloaded"));
        AgentCommand.Heartbeat heartbeat = new AgentCommand.Heartbeat(meta(agentId, orAgent(actor, agentId)),
                json.strings("runningTasks"), AgentRequests.flag(json, "overloaded"));
        return send(heartbeat).map(result -> agentBody(result.agent()));
    }

    @Operation(operationId = "setAgentStatus", summary = "Set an agent's status as an operator",
            description = "OFFLINE or OVERLOADED hold until an operator sets ACTIVE or IDLE, which clears them; the "
                    + "status is then derived again from the agent's heartbeats and load.")
    @ApiResponse(responseCode = "200", description = "The agent with its status",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentAnswer.class)))
    @PutMapping("/{agentId}/status")
    Mono<Map<String, Object>> status(
            @Parameter(description = AGENT_ID_DOC) @PathVariable String agentId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentStatusChange.class)))
            @RequestBody(required = false) String body,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, required = false) String actor) {
        JsonBody json = JsonBody.parse(body, false).allowOnly(Set.of("status"));
        AgentStatus status = json.enumValue("status", AgentStatus.class);
        if (status == null) {
            throw ApiException.badRequest("status is required", "status");
        }
        return send(new AgentCommand.SetStatus(meta(agentId, orApi(actor)), status))
                .map(result -> agentBody(result.agent()));
    }

    @Operation(operationId = "updateAgent", summary = "Change an agent's name, capabilities or limit",
            description = "Fields left out stay as they are.")
    @ApiResponse(responseCode = "200", description = "The agent after the change",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentAnswer.class)))
    @PatchMapping("/{agentId}")
    Mono<Map<String, Object>> update(
            @Parameter(description = AGENT_ID_DOC) @PathVariable String agentId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentChanges.class)))
            @RequestBody(required = false) String body,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, required = false) String actor) {
        JsonBody json = JsonBody.parse(body, false).allowOnly(Set.of("name", "capabilities", "maxConcurrentTasks"));
        AgentCommand.Update update = new AgentCommand.Update(meta(agentId, orApi(actor)), json.string("name"),
                json.strings("capabilities"), json.integer("maxConcurrentTasks", false));
        return send(update).map(result -> agentBody(result.agent()));
    }

    @Operation(operationId = "deregisterAgent", summary = "Deregister an agent",
            description = "The agent drains: it takes no new work and is removed when its last task ends (at once "
                    + "when it holds none).")
    @ApiResponse(responseCode = "200", description = "The agent, deregistering",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AgentAnswer.class)))
    @DeleteMapping("/{agentId}")
    Mono<Map<String, Object>> deregister(
            @Parameter(description = AGENT_ID_DOC) @PathVariable String agentId,
            @Parameter(hidden = true) @RequestHeader(name = ACTOR, required = false) String actor) {
        return send(new AgentCommand.Deregister(meta(agentId, orApi(actor)))).map(result -> agentBody(result.agent()));
    }

    private Mono<AgentState> visible(String agentId) {
        return consistent.ready().then(Mono.fromSupplier(() -> runtime.store().get(agentId)
                .filter(AgentState::visible).orElseThrow(() -> notFound(agentId))));
    }

    private Mono<AgentCommandResult> send(AgentCommand command) {
        return Mono.defer(() -> Mono.fromFuture(sender.send(command)))
                .onErrorMap(e -> !(e instanceof ApiException), e -> unavailable(command, e))
                .map(result -> {
                    if (result.outcome() == CommandOutcome.REJECTED) {
                        throw rejected(result);
                    }
                    return result;
                });
    }

    /** A path id that cannot be an agent id names no agent (404); an over-long actor header is refused. */
    private AgentCommandMeta meta(String agentId, String actor) {
        if (AgentRules.agentId(agentId).isPresent()) {
            throw notFound(agentId);
        }
        if (AgentRules.actor(actor).isPresent()) {
            throw ApiException.badRequest("X-Switchboard-Actor must be at most " + AgentRules.MAX_ACTOR
                    + " characters", ACTOR);
        }
        return new AgentCommandMeta(UUID.randomUUID().toString(), agentId, actor, clock.instant(), instanceId);
    }

    private static ApiException rejected(AgentCommandResult result) {
        return switch (result.rejection()) {
            case NOT_FOUND -> notFound(result.agentId());
            case INVALID -> ApiException.badRequest(result.error(), result.field());
            default -> new ApiException(HttpStatus.CONFLICT, result.error(), result.field(),
                    Map.of("agentId", result.agentId()));
        };
    }

    private static ApiException unavailable(AgentCommand command, Throwable error) {
        String why = error instanceof TimeoutException
                ? "The change was not confirmed in time; it may still be applied. Check the agent before retrying"
                : "The change could not be sent to Kafka; nothing was applied. Retry shortly";
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, why, null, Map.of("agentId", command.agentId()));
    }

    static ApiException notFound(String agentId) {
        return ApiException.notFound("Agent", "agentId", agentId);
    }

    private static Map<String, Object> agentBody(Agent agent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("agent", agent);
        return body;
    }

    private static String orAgent(String actor, String agentId) {
        return actor == null ? agentId : actor;
    }

    private static String orApi(String actor) {
        return actor == null ? "api" : actor;
    }
}
