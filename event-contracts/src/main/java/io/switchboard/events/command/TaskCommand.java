package io.switchboard.events.command;

/**
 * A request to change a task, sent to the {@code task.commands} topic keyed by task id. task-service is the only
 * one that applies them; it answers on {@code task.command-results}.
 */
public sealed interface TaskCommand
        permits CreateTask, ImportTask, AssignTask, StartTask, UpdateProgress, CompleteTask, FailTask, CancelTask,
        ReleaseTask, ReprioritiseTask, ArchiveTask {

    CommandMeta meta();

    default String taskId() {
        return meta().taskId();
    }
}
