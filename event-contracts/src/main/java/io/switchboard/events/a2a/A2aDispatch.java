package io.switchboard.events.a2a;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Switchboard task sent to an A2A agent, as the gateway's dispatcher follows it: one record per task on the
 * compacted {@code a2a.dispatches} topic (keyed by task id), written when the agent accepted the task and again at
 * each change of its A2A state. A dispatcher that restarts reads it back and follows every dispatch not yet final.
 *
 * @param taskId      the Switchboard task
 * @param agentId     the agent it was assigned to
 * @param agentUrl    the agent's JSON-RPC endpoint
 * @param a2aTaskId   the task's id at the agent
 * @param contextId   the A2A context the agent put it in
 * @param state       the A2A task state, as the protocol names it ({@code submitted}, {@code working},
 *                    {@code input-required}, {@code auth-required}, {@code completed}, {@code failed},
 *                    {@code canceled}, {@code rejected}), or {@code abandoned} when the task left the agent
 * @param message     the text of the agent's last status message (what it asks for, when it waits for input)
 * @param artifacts   the artifacts the agent produced, as it named them, with their text
 * @param updatedAt   when this record was written
 * @param version     1 for the first record of a dispatch, one more with every change
 * @param pushTokenHash for a task the agent reports by push notifications, the SHA-256 (hex) of the token it was
 *                      given to send with them; null when it was not asked to push
 */
public record A2aDispatch(String taskId, String agentId, String agentUrl, String a2aTaskId, String contextId,
                          String state, String message, List<Artifact> artifacts, Instant updatedAt, long version,
                          String pushTokenHash) {

    /** States after which the agent does no more work on the task. */
    public static final List<String> FINAL = List.of("completed", "failed", "canceled", "rejected", "abandoned");

    public A2aDispatch {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(state, "state");
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    public boolean done() {
        return FINAL.contains(state);
    }

    /** What changed at the agent, as a new record. */
    public A2aDispatch with(String newState, String newMessage, List<Artifact> newArtifacts, Instant at) {
        return new A2aDispatch(taskId, agentId, agentUrl, a2aTaskId, contextId, newState, newMessage, newArtifacts,
                at, version + 1, pushTokenHash);
    }

    /** An A2A artifact: its id, its name, and the text of its text parts (data parts as JSON). */
    public record Artifact(String artifactId, String name, String text) {
    }
}
