package io.switchboard.events.command;

import java.util.Objects;

/** An attempt failed. The task goes back to PENDING when its retry policy allows another attempt, else to FAILED. */
public record FailTask(CommandMeta meta, String reason) implements TaskCommand {

    public FailTask {
        Objects.requireNonNull(meta, "meta");
    }
}
