package io.switchboard.events.command;

import java.util.Objects;

import io.switchboard.events.task.AgentRef;

/** Give a PENDING task to an agent. Sent by the assignment decider; {@code reason} explains the choice. */
public record AssignTask(CommandMeta meta, AgentRef agent, String reason) implements TaskCommand {

    public AssignTask {
        Objects.requireNonNull(meta, "meta");
    }
}
