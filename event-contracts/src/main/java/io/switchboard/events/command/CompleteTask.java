package io.switchboard.events.command;

import java.util.Objects;

/** The work is done: IN_PROGRESS to COMPLETED. */
public record CompleteTask(CommandMeta meta) implements TaskCommand {

    public CompleteTask {
        Objects.requireNonNull(meta, "meta");
    }
}
