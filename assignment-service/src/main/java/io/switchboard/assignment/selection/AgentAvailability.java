package io.switchboard.assignment.selection;

import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;

/**
 * Whether an agent takes work, as far as the decider asks the registry: its status, except an OVERLOADED that only
 * says its load reached its limit. The decider counts loads itself, from the tasks it reads (read-your-writes), and
 * the registry's count follows through its holdings a moment later: a task just cancelled or failed frees its place
 * for the decider at once, not once the registry has caught up. An agent that says it is overloaded, or that an
 * operator set so, stays refused; so does one OFFLINE.
 */
public final class AgentAvailability {

    private AgentAvailability() {
    }

    public static boolean acceptsWork(AgentState state) {
        AgentStatus status = state.agent().status();
        boolean loadOnly = status == AgentStatus.OVERLOADED && !state.selfOverloaded()
                && state.operatorStatus() != AgentStatus.OVERLOADED;
        return status.acceptsWork() || loadOnly;
    }
}
