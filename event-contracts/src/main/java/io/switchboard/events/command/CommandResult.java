package io.switchboard.events.command;

import io.switchboard.events.task.Task;

/**
 * The answer to a command, on {@code task.command-results}, written in the same Kafka transaction as the change
 * itself: a reader with {@code isolation.level=read_committed} sees it only once the change is durable.
 */
public record CommandResult(String commandId, String taskId, String replyTo, CommandOutcome outcome,
                            RejectionReason rejection, String error, String field, Task task)
        implements CommandReply {

    public static CommandResult applied(CommandMeta meta, Task task) {
        return new CommandResult(meta.commandId(), meta.taskId(), meta.replyTo(), CommandOutcome.APPLIED, null, null,
                null, task);
    }

    public static CommandResult unchanged(CommandMeta meta, Task task) {
        return new CommandResult(meta.commandId(), meta.taskId(), meta.replyTo(), CommandOutcome.UNCHANGED, null,
                null, null, task);
    }

    public static CommandResult rejected(CommandMeta meta, RejectionReason reason, String error, String field,
                                         Task current) {
        return new CommandResult(meta.commandId(), meta.taskId(), meta.replyTo(), CommandOutcome.REJECTED, reason,
                error, field, current);
    }
}
