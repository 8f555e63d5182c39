package io.switchboard.events.task;

/** Task priority, P0 (critical) to P3 (best effort), as in the seed. Lower ordinal means more urgent. */
public enum Priority {
    P0, P1, P2, P3
}
