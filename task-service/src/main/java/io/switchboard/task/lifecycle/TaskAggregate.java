package io.switchboard.task.lifecycle;

import io.switchboard.aggregate.AggregateLogic;
import io.switchboard.aggregate.Decision;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskState;

import java.time.Instant;
import java.util.List;

/** Tasks as an aggregate kept in Kafka: {@link TaskLifecycle} decides, {@code task.*} topics carry the rest. */
public final class TaskAggregate implements AggregateLogic<TaskState, TaskCommand, CommandResult> {

    private final TaskLifecycle lifecycle;

    public TaskAggregate(TaskLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public MessageType stateType() {
        return MessageType.TASK_STATE;
    }

    @Override
    public MessageType resultType() {
        return MessageType.COMMAND_RESULT;
    }

    @Override
    public String commandTopic() {
        return Topics.TASK_COMMANDS;
    }

    @Override
    public Class<TaskCommand> commandClass() {
        return TaskCommand.class;
    }

    @Override
    public String id(TaskState state) {
        return state.task().id();
    }

    @Override
    public long version(TaskState state) {
        return state.version();
    }

    @Override
    public String aggregateId(TaskCommand command) {
        return command.taskId();
    }

    @Override
    public String commandId(TaskCommand command) {
        return command.meta().commandId();
    }

    @Override
    public Decision<TaskState> decide(TaskState current, TaskCommand command, Instant now) {
        return lifecycle.decide(current, command, now);
    }

    /** A finished task's retention timer: when it runs out, the task archives itself. */
    @Override
    public Instant nextDue(TaskState state) {
        return lifecycle.retention().expiresAt(state);
    }

    @Override
    public List<TaskCommand> due(TaskState state, Instant now) {
        return lifecycle.retention().expired(state, now) ? List.of(lifecycle.retention().archive(state, now))
                : List.of();
    }

    @Override
    public CommandResult result(TaskCommand command, Decision<TaskState> decision, TaskState current) {
        if (decision instanceof Decision.Applied<TaskState> applied) {
            return CommandResult.applied(command.meta(), applied.state().task());
        }
        if (decision instanceof Decision.Removed<TaskState> removed) {
            return CommandResult.applied(command.meta(), removed.last().task());
        }
        if (decision instanceof Decision.Unchanged<TaskState> unchanged) {
            return CommandResult.unchanged(command.meta(), unchanged.state().task());
        }
        Decision.Rejected<TaskState> rejected = (Decision.Rejected<TaskState>) decision;
        return CommandResult.rejected(command.meta(), rejected.reason(), rejected.message(), rejected.field(),
                current == null ? null : current.task());
    }

    @Override
    public String key(Object message) {
        return ((TaskEvent) message).taskId();
    }
}
