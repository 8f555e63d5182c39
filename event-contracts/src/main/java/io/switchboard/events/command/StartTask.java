package io.switchboard.events.command;

import java.util.Objects;

/** The agent began work: ASSIGNED to IN_PROGRESS. */
public record StartTask(CommandMeta meta) implements TaskCommand {

    public StartTask {
        Objects.requireNonNull(meta, "meta");
    }
}
