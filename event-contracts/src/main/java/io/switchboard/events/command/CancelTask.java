package io.switchboard.events.command;

import java.util.Objects;

/** Nobody should work on the task any more: any non-final state to CANCELLED. */
public record CancelTask(CommandMeta meta, String reason) implements TaskCommand {

    public CancelTask {
        Objects.requireNonNull(meta, "meta");
    }
}
