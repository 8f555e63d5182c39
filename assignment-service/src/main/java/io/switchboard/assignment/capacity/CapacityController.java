package io.switchboard.assignment.capacity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.switchboard.aggregate.ServiceProperties;
import io.switchboard.aggregate.StateView;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.task.TaskState;
import io.switchboard.web.ConsistentReads;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;

/** GET /api/capacity: the backlog and free slots per capability, after every write answered before it. */
@RestController
class CapacityController {

    private final StateView<TaskState> tasks;
    private final StateView<AgentState> agents;
    private final ConsistentReads consistentTasks;
    private final ConsistentReads consistentAgents;
    private final Clock clock;

    CapacityController(StateView<TaskState> taskView, StateView<AgentState> agentView, ServiceProperties properties,
                       Clock clock) {
        this.tasks = taskView;
        this.agents = agentView;
        this.consistentTasks = new ConsistentReads(taskView.barrier(), true, properties.readTimeout(),
                properties.readStaleAfter());
        this.consistentAgents = new ConsistentReads(agentView.barrier(), true, properties.readTimeout(),
                properties.readStaleAfter());
        this.clock = clock;
    }

    @Operation(operationId = "getCapacity", summary = "Get the backlog and free slots per capability",
            description = "Per capability: pending tasks, the oldest one's age, tasks assigned but not started, "
                    + "agents that take work and their free slots; pending tasks also per fairness key. The same "
                    + "figures are the switchboard_capacity_* metrics, which an autoscaler such as KEDA scales an "
                    + "agent fleet on (docs/production.md).")
    @ApiResponse(responseCode = "200", description = "The figures",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CapacityAnswer.class)))
    @GetMapping("/api/capacity")
    Mono<CapacityAnswer> capacity() {
        return Mono.when(consistentTasks.ready(), consistentAgents.ready()).then(Mono.fromSupplier(() -> {
            Instant now = clock.instant();
            return CapacityAnswer.of(Capacity.of(tasks.store().all(), agents.store().all(), now), now);
        }));
    }
}
