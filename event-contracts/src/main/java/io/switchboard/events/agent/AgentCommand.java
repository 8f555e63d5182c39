package io.switchboard.events.agent;

import java.util.List;

/**
 * A request to change an agent, sent to {@code agent.commands} keyed by agent id. agent-registry-service is the
 * only one that applies them; it answers on {@code agent.command-results}.
 */
public sealed interface AgentCommand permits AgentCommand.Register, AgentCommand.Heartbeat, AgentCommand.SetStatus,
        AgentCommand.Update, AgentCommand.Deregister, AgentCommand.HoldTask, AgentCommand.ReleaseHeldTask,
        AgentCommand.Expire {

    AgentCommandMeta meta();

    default String agentId() {
        return meta().agentId();
    }

    /**
     * Register, or register again (an agent process that restarted): creates the agent or updates what it says
     * about itself, and counts as a heartbeat. Null fields take defaults (new agent) or stay (known agent);
     * {@code a2a} is the A2A endpoint of an agent registered from its card.
     */
    record Register(AgentCommandMeta meta, String name, List<String> capabilities,
                    Integer maxConcurrentTasks, Double reliability, Long heartbeatIntervalMs, A2aEndpoint a2a)
            implements AgentCommand {
    }

    /** The agent is alive; optionally with its own view: the tasks it runs, whether it is overloaded. */
    record Heartbeat(AgentCommandMeta meta, List<String> runningTasks, Boolean overloaded)
            implements AgentCommand {
    }

    /** An operator sets the status: OFFLINE or OVERLOADED hold until cleared by ACTIVE or IDLE. */
    record SetStatus(AgentCommandMeta meta, AgentStatus status) implements AgentCommand {
    }

    /** Change name, capabilities or limit; null fields stay. */
    record Update(AgentCommandMeta meta, String name, List<String> capabilities,
                  Integer maxConcurrentTasks) implements AgentCommand {
    }

    /** Drain and remove: no new work; removed when its last task ends (at once when it holds none). */
    record Deregister(AgentCommandMeta meta) implements AgentCommand {
    }

    /** The task lifecycle says this agent now holds the task (assigned, or imported in a held state). */
    record HoldTask(AgentCommandMeta meta, HeldTask task) implements AgentCommand {
    }

    /** The task lifecycle says the agent no longer holds the task, and how it ended for the agent. */
    record ReleaseHeldTask(AgentCommandMeta meta, String taskId, long taskVersion, TaskOutcome outcome,
                           Long durationMs) implements AgentCommand {
    }

    /** Issued by the registry to itself when an agent's heartbeats stopped. */
    record Expire(AgentCommandMeta meta) implements AgentCommand {
    }
}
