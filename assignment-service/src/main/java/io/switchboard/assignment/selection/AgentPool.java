package io.switchboard.assignment.selection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agents the decider places tasks on, indexed by capability so that finding the agents with every required
 * capability costs the size of the rarest capability's agents, not of all agents. Loads change as tasks are placed.
 * Confined to the decider's thread.
 */
public final class AgentPool {

    private final Map<String, Candidate> agents = new HashMap<>();
    private final Map<String, Set<String>> byCapability = new HashMap<>();

    public void put(Candidate agent) {
        remove(agent.id());
        agents.put(agent.id(), agent);
        for (String capability : agent.capabilities()) {
            byCapability.computeIfAbsent(capability, c -> new HashSet<>()).add(agent.id());
        }
    }

    public void remove(String agentId) {
        Candidate old = agents.remove(agentId);
        if (old != null) {
            for (String capability : old.capabilities()) {
                Set<String> ids = byCapability.get(capability);
                ids.remove(agentId);
                if (ids.isEmpty()) {
                    byCapability.remove(capability);
                }
            }
        }
    }

    public Optional<Candidate> get(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    public Collection<Candidate> all() {
        return agents.values();
    }

    public int size() {
        return agents.size();
    }

    /** One more (or, with a negative delta, fewer) open task on the agent. */
    public void addLoad(String agentId, int delta) {
        Candidate agent = agents.get(agentId);
        if (agent != null) {
            agents.put(agentId, agent.withLoad(Math.max(0, agent.load() + delta)));
        }
    }

    /** Agents that have every one of {@code required} (lower case); all agents when none is required. */
    public List<Candidate> withCapabilities(Set<String> required) {
        if (required.isEmpty()) {
            return new ArrayList<>(agents.values());
        }
        Set<String> rarest = null;
        for (String capability : required) {
            Set<String> ids = byCapability.get(capability);
            if (ids == null) {
                return List.of();
            }
            if (rarest == null || ids.size() < rarest.size()) {
                rarest = ids;
            }
        }
        List<Candidate> matching = new ArrayList<>();
        for (String id : rarest) {
            Candidate agent = agents.get(id);
            if (agent.capabilities().containsAll(required)) {
                matching.add(agent);
            }
        }
        return matching;
    }
}
