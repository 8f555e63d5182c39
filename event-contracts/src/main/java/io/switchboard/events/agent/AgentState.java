package io.switchboard.events.agent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value of the compacted {@code agent.state} topic: the agent as published, the tasks it holds, and what the
 * registry needs to compute its status. {@code registered} is false for an agent that holds tasks but never
 * registered (tasks imported before their agent); {@code removed} for one that was deregistered and drained.
 */
public record AgentState(Agent agent, Map<String, HeldTask> tasks, AgentStatus operatorStatus,
                         boolean selfOverloaded, boolean expired, boolean registered, boolean removed,
                         List<String> reportedTasks) {

    public AgentState {
        Objects.requireNonNull(agent, "agent");
        tasks = tasks == null ? Map.of() : Map.copyOf(tasks);
        reportedTasks = reportedTasks == null ? List.of() : List.copyOf(reportedTasks);
    }

    public long version() {
        return agent.version();
    }

    /** Registered, not removed: an agent the API shows. */
    public boolean visible() {
        return registered && !removed;
    }
}
