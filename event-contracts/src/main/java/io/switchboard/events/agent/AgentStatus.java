package io.switchboard.events.agent;

/** The seed's agent statuses. ACTIVE and IDLE accept work. */
public enum AgentStatus {
    ACTIVE, IDLE, OFFLINE, OVERLOADED;

    public boolean acceptsWork() {
        return this == ACTIVE || this == IDLE;
    }
}
