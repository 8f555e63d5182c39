package io.switchboard.agent.registry;

import java.util.List;
import java.util.Optional;

/** Limits on what an agent may say about itself; they apply to the REST API and the command topic alike. */
public final class AgentRules {

    public static final int MAX_NAME = 200;
    public static final int MAX_CAPABILITY = 64;
    public static final int MAX_CAPABILITIES = 64;
    public static final int MAX_CONCURRENT = 10_000;
    public static final long MAX_HEARTBEAT_INTERVAL_MS = 86_400_000L;
    public static final int MAX_ACTOR = 128;
    public static final int MAX_REPORTED_TASKS = 1_000;

    private AgentRules() {
    }

    /** A broken rule: which field, and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    public static Optional<Violation> agentId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_CAPABILITY || !id.matches("[A-Za-z0-9][A-Za-z0-9._:-]*")) {
            return Optional.of(new Violation("id", "id must be 1-" + MAX_CAPABILITY
                    + " characters of letters, digits and . _ : - (starting with a letter or digit)"));
        }
        return Optional.empty();
    }

    /** Who made a change: kept with the agent, so it is short. */
    public static Optional<Violation> actor(String actor) {
        return actor != null && actor.length() > MAX_ACTOR
                ? Optional.of(new Violation("actor", "actor must be at most " + MAX_ACTOR + " characters"))
                : Optional.empty();
    }

    /** The tasks an agent says it runs: an agent's own view, bounded so a state record stays small. */
    public static Optional<Violation> reportedTasks(List<String> tasks) {
        if (tasks == null) {
            return Optional.empty();
        }
        if (tasks.size() > MAX_REPORTED_TASKS) {
            return Optional.of(new Violation("runningTasks",
                    "runningTasks may hold at most " + MAX_REPORTED_TASKS + " entries"));
        }
        for (String task : tasks) {
            if (task == null || task.isBlank() || task.length() > MAX_CAPABILITY) {
                return Optional.of(new Violation("runningTasks",
                        "runningTasks entries must be task ids of at most " + MAX_CAPABILITY + " characters"));
            }
        }
        return Optional.empty();
    }

    public static Optional<Violation> name(String name) {
        if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            return Optional.of(new Violation("name", "name must be 1-" + MAX_NAME + " characters"));
        }
        return Optional.empty();
    }

    public static Optional<Violation> capabilities(List<String> capabilities) {
        if (capabilities == null) {
            return Optional.empty();
        }
        if (capabilities.size() > MAX_CAPABILITIES) {
            return Optional.of(new Violation("capabilities",
                    "capabilities may hold at most " + MAX_CAPABILITIES + " entries"));
        }
        for (String capability : capabilities) {
            if (capability == null || capability.isBlank() || capability.length() > MAX_CAPABILITY) {
                return Optional.of(new Violation("capabilities",
                        "capabilities entries must be non-empty strings of at most " + MAX_CAPABILITY + " characters"));
            }
        }
        return Optional.empty();
    }

    public static Optional<Violation> maxConcurrentTasks(Integer max) {
        if (max != null && (max < 1 || max > MAX_CONCURRENT)) {
            return Optional.of(new Violation("maxConcurrentTasks",
                    "maxConcurrentTasks must be between 1 and " + MAX_CONCURRENT));
        }
        return Optional.empty();
    }

    public static Optional<Violation> reliability(Double reliability) {
        if (reliability != null && (reliability.isNaN() || reliability < 0 || reliability > 1)) {
            return Optional.of(new Violation("reliability", "reliability must be between 0 and 1"));
        }
        return Optional.empty();
    }

    public static Optional<Violation> heartbeatInterval(Long millis) {
        if (millis != null && (millis < 0 || millis > MAX_HEARTBEAT_INTERVAL_MS)) {
            return Optional.of(new Violation("heartbeatIntervalMs",
                    "heartbeatIntervalMs must be between 0 (no heartbeats expected) and " + MAX_HEARTBEAT_INTERVAL_MS));
        }
        return Optional.empty();
    }

    @SafeVarargs
    public static Optional<Violation> firstOf(Optional<Violation>... checks) {
        for (Optional<Violation> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }
}
