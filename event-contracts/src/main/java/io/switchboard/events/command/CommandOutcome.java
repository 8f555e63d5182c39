package io.switchboard.events.command;

/** How task-service dealt with a command. */
public enum CommandOutcome {
    /** The task changed; the new version is in the result and the events are published. */
    APPLIED,
    /** Nothing to change (a repeated create, progress already at that value); the task is in the result. */
    UNCHANGED,
    /** Refused; {@code error} says why and the task is untouched. */
    REJECTED
}
