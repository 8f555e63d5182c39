package io.switchboard.events.command;

import java.util.Objects;

import io.switchboard.events.task.TaskStatus;

/** Report progress 0-100, optionally with a status (IN_PROGRESS or COMPLETED). Progress 100 completes the task. */
public record UpdateProgress(CommandMeta meta, Integer progress, TaskStatus status) implements TaskCommand {

    public UpdateProgress {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(progress, "progress");
    }
}
