package io.switchboard.events.command;

import java.util.Objects;

import io.switchboard.events.task.TaskSpec;

/** Create a task in PENDING. Idempotent: the same request for an existing id answers the task as it is. */
public record CreateTask(CommandMeta meta, TaskSpec spec) implements TaskCommand {

    public CreateTask {
        Objects.requireNonNull(meta, "meta");
    }
}
