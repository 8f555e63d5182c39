package io.switchboard.events.command;

import java.util.Objects;

/**
 * A finished task's retention ran out: it leaves the system (after {@code task.archived} carries it out). Issued by
 * task-service's own retention timer; nobody waits for its result.
 */
public record ArchiveTask(CommandMeta meta) implements TaskCommand {

    public ArchiveTask {
        Objects.requireNonNull(meta, "meta");
    }
}
