package io.switchboard.task.lifecycle;

import io.switchboard.events.command.RejectionReason;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskState;

import java.util.List;

/** What {@link TaskLifecycle} decided about one command. */
public sealed interface Decision {

    /** The task changed to {@code state}; {@code events} are what to publish, in order. */
    record Applied(TaskState state, List<TaskEvent> events) implements Decision {
    }

    /** Nothing to do: the command asks for what the task already is. */
    record Unchanged(TaskState state) implements Decision {
    }

    /** Refused; the task (if any) stays as it was. {@code field} names the offending input, when there is one. */
    record Rejected(RejectionReason reason, String message, String field) implements Decision {
    }
}
