package io.switchboard.events.task;

/** The seed's task statuses plus CANCELLED. */
public enum TaskStatus {
    PENDING, ASSIGNED, IN_PROGRESS, COMPLETED, FAILED, CANCELLED;

    /** A final task never changes status again. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** Assigned or in progress: the task occupies a slot of an agent. */
    public boolean isOpen() {
        return this == ASSIGNED || this == IN_PROGRESS;
    }
}
