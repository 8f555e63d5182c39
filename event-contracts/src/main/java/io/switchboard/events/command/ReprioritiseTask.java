package io.switchboard.events.command;

import io.switchboard.events.task.Priority;

import java.util.Objects;

/**
 * Change a task's priority (an operator, or the SLA monitor escalating a violation). Refused for a final task. The
 * change is in the task's history with {@code reason}.
 */
public record ReprioritiseTask(CommandMeta meta, Priority priority, String reason) implements TaskCommand {

    public ReprioritiseTask {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(priority, "priority");
    }
}
