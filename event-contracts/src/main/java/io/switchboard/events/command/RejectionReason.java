package io.switchboard.events.command;

/** Why a command was refused. Each maps to one HTTP status at the REST edge. */
public enum RejectionReason {
    /** The command names a task that does not exist (404). */
    NOT_FOUND,
    /** A create for an id that exists with different content (409). */
    ALREADY_EXISTS,
    /** The task's status does not allow the change (409). */
    ILLEGAL_TRANSITION,
    /** The caller's expected version is not the current one (412). */
    VERSION_MISMATCH,
    /** The command's content is invalid (400). */
    INVALID
}
