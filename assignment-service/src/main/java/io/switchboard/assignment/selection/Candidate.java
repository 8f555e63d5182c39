package io.switchboard.assignment.selection;

import java.util.Set;

/**
 * An agent as the decider sees it while placing tasks. {@code load} counts its open tasks plus the decisions made
 * for it that task-service has not applied yet; capabilities are lower case (matching is case-insensitive).
 */
public record Candidate(String id, String name, boolean acceptsWork, Set<String> capabilities, int maxConcurrentTasks,
                        int load, double reliability, boolean deregistering) {

    public int free() {
        return Math.max(0, maxConcurrentTasks - load);
    }

    public Candidate withLoad(int newLoad) {
        return new Candidate(id, name, acceptsWork, capabilities, maxConcurrentTasks, newLoad, reliability,
                deregistering);
    }
}
