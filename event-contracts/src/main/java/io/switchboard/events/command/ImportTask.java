package io.switchboard.events.command;

import java.util.Objects;

import io.switchboard.events.task.TaskSpec;
import io.switchboard.events.task.ImportedState;

/** Create a task that already has a history elsewhere, in the state it has there (the migration path). */
public record ImportTask(CommandMeta meta, TaskSpec spec, ImportedState state) implements TaskCommand {

    public ImportTask {
        Objects.requireNonNull(meta, "meta");
    }
}
