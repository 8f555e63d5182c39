package io.switchboard.events.agent;

/** How a task ended for the agent that held it; COMPLETED and FAILED count in its figures and reliability. */
public enum TaskOutcome {
    COMPLETED, FAILED, CANCELLED
}
