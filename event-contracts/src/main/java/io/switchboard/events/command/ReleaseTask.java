package io.switchboard.events.command;

import java.util.Objects;

/**
 * Hand a task back from an agent that can no longer work on it (its heartbeats stopped): ASSIGNED or IN_PROGRESS
 * back to PENDING whatever the retry policy, the attempt counted. Refused unless {@code agent} still holds the
 * task, so a late release cannot take a task from its next agent.
 */
public record ReleaseTask(CommandMeta meta, String agent, String reason) implements TaskCommand {

    public ReleaseTask {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(agent, "agent");
    }
}
