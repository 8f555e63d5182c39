package io.switchboard.events.agent;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskStatus;

import java.time.Instant;
import java.util.Objects;

/** A task an agent holds, as the registry knows it: enough to list an agent's work without asking task-service. */
public record HeldTask(String id, String name, Priority priority, TaskStatus status, Instant since, long version) {

    public HeldTask {
        Objects.requireNonNull(id, "id");
    }
}
