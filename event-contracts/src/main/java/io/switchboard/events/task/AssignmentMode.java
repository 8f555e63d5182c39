package io.switchboard.events.task;

/** AUTO: assigned as soon as an eligible agent has room. MANUAL: only when someone asks. */
public enum AssignmentMode {
    AUTO, MANUAL
}
