package io.switchboard.events.task;

import java.util.List;
import java.util.Objects;

/**
 * The value of the compacted {@code task.state} topic: the current task, its history and the fingerprint of the
 * request that created it (so that a repeated create is recognised as the same request). The latest record per
 * task id is the task; a service that starts reads this topic to rebuild its view.
 */
public record TaskState(Task task, List<TaskTransition> history, String createFingerprint) {

    public TaskState {
        Objects.requireNonNull(task, "task");
        history = history == null ? List.of() : List.copyOf(history);
    }

    public long version() {
        return task.version();
    }
}
