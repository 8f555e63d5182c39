package io.switchboard.events.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task as every service and client sees it: the seed's fields (id, name, priority, status, agent, eta,
 * description, progress) plus what a durable system needs. {@code fairnessKey} (a tenant or team) shares the queue
 * fairly between keys; {@code concurrencyKey} counts against a cap of open tasks per key; {@code assignmentMode} null
 * means the deployment's default. {@code version} is the aggregate's sequence number:
 * it grows by one with every change, so consumers can drop stale and duplicate copies.
 */
public record Task(
        String id,
        String name,
        String description,
        Priority priority,
        TaskStatus status,
        String agent,
        int progress,
        String eta,
        List<String> requiredCapabilities,
        List<String> preferredCapabilities,
        Map<String, String> labels,
        String fairnessKey,
        String concurrencyKey,
        AssignmentMode assignmentMode,
        Instant dueAt,
        int attempts,
        RetryPolicy retryPolicy,
        Instant nextAttemptAt,
        String failureReason,
        Instant createdAt,
        Instant assignedAt,
        Instant startedAt,
        Instant completedAt,
        Instant failedAt,
        Instant cancelledAt,
        Instant updatedAt,
        long version) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        requiredCapabilities = requiredCapabilities == null ? List.of() : List.copyOf(requiredCapabilities);
        preferredCapabilities = preferredCapabilities == null ? List.of() : List.copyOf(preferredCapabilities);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * The task without what only its work needs (description, capabilities, labels, keys, retry policy, failure
     * reason, progress): its id, name, priority, status, agent, version and when it was created, assigned, due and
     * ended. What a reader keeps of a finished task it only counts and lists (the SLA monitor's stopped clocks, the
     * decider's view), so that finished tasks, most of those kept until their retention runs out, cost it little.
     */
    public Task summary() {
        Builder kept = new Builder();
        kept.id = id;
        kept.name = name;
        kept.priority = priority;
        kept.status = status;
        kept.agent = agent;
        kept.createdAt = createdAt;
        kept.assignedAt = assignedAt;
        kept.dueAt = dueAt;
        kept.completedAt = completedAt;
        kept.failedAt = failedAt;
        kept.cancelledAt = cancelledAt;
        kept.version = version;
        return kept.build();
    }

    /** Starts a copy for a change; {@link Builder#build()} gives the new immutable task. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of a task, used only while one change is computed. */
    public static final class Builder {
        public String id, name, description, agent, eta, failureReason, fairnessKey, concurrencyKey;
        public Priority priority;
        public TaskStatus status;
        public int progress, attempts;
        public List<String> requiredCapabilities, preferredCapabilities;
        public Map<String, String> labels;
        public AssignmentMode assignmentMode;
        public RetryPolicy retryPolicy;
        public Instant dueAt, nextAttemptAt, createdAt, assignedAt, startedAt, completedAt, failedAt, cancelledAt,
                updatedAt;
        public long version;

        public Builder() {
        }

        Builder(Task t) {
            id = t.id; name = t.name; description = t.description; priority = t.priority; status = t.status;
            agent = t.agent; progress = t.progress; eta = t.eta; requiredCapabilities = t.requiredCapabilities;
            preferredCapabilities = t.preferredCapabilities; labels = t.labels; fairnessKey = t.fairnessKey;
            concurrencyKey = t.concurrencyKey; assignmentMode = t.assignmentMode;
            dueAt = t.dueAt; attempts = t.attempts; retryPolicy = t.retryPolicy; nextAttemptAt = t.nextAttemptAt;
            failureReason = t.failureReason; createdAt = t.createdAt; assignedAt = t.assignedAt;
            startedAt = t.startedAt; completedAt = t.completedAt; failedAt = t.failedAt; cancelledAt = t.cancelledAt;
            updatedAt = t.updatedAt; version = t.version;
        }

        public Task build() {
            return new Task(id, name, description, priority, status, agent, progress, eta, requiredCapabilities,
                    preferredCapabilities, labels, fairnessKey, concurrencyKey, assignmentMode, dueAt, attempts, retryPolicy, nextAttemptAt,
                    failureReason, createdAt, assignedAt, startedAt, completedAt, failedAt, cancelledAt, updatedAt,
                    version);
        }
    }
}
