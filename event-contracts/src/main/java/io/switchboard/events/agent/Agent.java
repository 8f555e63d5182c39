package io.switchboard.events.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An agent as the registry publishes it. {@code version} grows by one with every change; {@code a2a} is set for an
 * agent registered from its A2A agent card, whose tasks the gateway sends it over A2A.
 */
public record Agent(
        String id,
        String name,
        AgentStatus status,
        List<String> capabilities,
        List<String> currentTasks,
        int maxConcurrentTasks,
        double reliability,
        long heartbeatIntervalMs,
        Instant lastHeartbeat,
        long completed,
        long failed,
        long meanTimeToCompleteMs,
        boolean deregistering,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) A2aEndpoint a2a) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        currentTasks = currentTasks == null ? List.of() : List.copyOf(currentTasks);
    }

    /** Share of the agent's capacity in use, 0 to 1 (above 1 when its limit was lowered below its load). */
    @JsonProperty("utilisation")
    public double utilisation() {
        return maxConcurrentTasks <= 0 ? 0 : (double) currentTasks.size() / maxConcurrentTasks;
    }
}
