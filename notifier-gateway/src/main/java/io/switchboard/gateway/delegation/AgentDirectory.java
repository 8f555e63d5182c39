package io.switchboard.gateway.delegation;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which agents are A2A agents and where they take calls, as the registry lists them: read again every
 * {@code agents-refresh}, and asked for an agent it does not know yet (one registered since).
 */
final class AgentDirectory {

    /** An agent registered from its A2A card. */
    record A2aAgent(String id, String url, String cardUrl, long heartbeatIntervalMs, boolean streaming,
                    boolean pushNotifications) {
    }

    private final SwitchboardCalls switchboard;
    /** Every agent seen: empty for one that is not an A2A agent. */
    private final Map<String, Optional<A2aAgent>> agents = new ConcurrentHashMap<>();

    AgentDirectory(SwitchboardCalls switchboard) {
        this.switchboard = switchboard;
    }

    /** The agent's A2A endpoint, or empty when it is not an A2A agent (or the registry does not know it). */
    Optional<A2aAgent> find(String agentId) throws IOException {
        Optional<A2aAgent> known = agents.get(agentId);
        if (known != null) {
            return known;
        }
        Optional<A2aAgent> found = switchboard.agent(agentId).flatMap(AgentDirectory::a2a);
        agents.put(agentId, found);
        return found;
    }

    /** Reads the registry's list again; the A2A agents in it. */
    Collection<A2aAgent> refresh() throws IOException {
        List<JsonNode> listed = switchboard.agents();
        Map<String, Optional<A2aAgent>> fresh = new ConcurrentHashMap<>();
        listed.forEach(agent -> fresh.put(agent.path("id").asString(), a2a(agent)));
        agents.keySet().retainAll(fresh.keySet());
        agents.putAll(fresh);
        return fresh.values().stream().flatMap(Optional::stream).toList();
    }

    /** The A2A agents as last read. */
    Collection<A2aAgent> known() {
        return agents.values().stream().flatMap(Optional::stream).toList();
    }

    private static Optional<A2aAgent> a2a(JsonNode agent) {
        JsonNode a2a = agent.path("a2a");
        if (!a2a.isObject() || a2a.path("url").asString("").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new A2aAgent(agent.path("id").asString(), a2a.path("url").asString(),
                a2a.path("cardUrl").asString(), agent.path("heartbeatIntervalMs").asLong(0),
                a2a.path("streaming").asBoolean(false), a2a.path("pushNotifications").asBoolean(false)));
    }
}
