package io.switchboard.agent.registry;

import io.switchboard.events.agent.AgentStatus;

/**
 * An agent's status, derived from what is known of it, never set by hand:
 * <ol>
 *   <li>OFFLINE when an operator set it OFFLINE, when its heartbeats stopped, or when it is not (or no longer)
 *       registered;</li>
 *   <li>else OVERLOADED when its load reached its limit (or the limit was lowered below it), when it says so in a
 *       heartbeat, or when an operator set it OVERLOADED;</li>
 *   <li>else ACTIVE when it holds tasks, IDLE when it holds none.</li>
 * </ol>
 * Only ACTIVE and IDLE agents may receive work.
 */
public final class AgentStatusRules {

    private AgentStatusRules() {
    }

    public static AgentStatus status(boolean registered, boolean removed, AgentStatus operatorStatus, boolean expired,
                                     boolean selfOverloaded, int load, int maxConcurrentTasks) {
        if (!registered || removed || expired || operatorStatus == AgentStatus.OFFLINE) {
            return AgentStatus.OFFLINE;
        }
        if (load >= maxConcurrentTasks || selfOverloaded || operatorStatus == AgentStatus.OVERLOADED) {
            return AgentStatus.OVERLOADED;
        }
        return load == 0 ? AgentStatus.IDLE : AgentStatus.ACTIVE;
    }
}
