package io.switchboard.events.assignment;

import io.switchboard.events.command.CommandReply;

/**
 * The decider's answer to an {@link AssignmentRequest}, keyed by request id. {@code ASSIGNED} carries the decision
 * (task version and agent); the change itself is task-service's to apply.
 */
public record AssignmentResult(String requestId, Outcome outcome, String taskId, long taskVersion, String agentId,
                               String message, String field) implements CommandReply {

    public enum Outcome {
        /** A decision was made: the task goes to {@code agentId}. */
        ASSIGNED,
        /** The task does not exist. */
        TASK_NOT_FOUND,
        /** The named agent does not exist. */
        AGENT_NOT_FOUND,
        /** The task is not PENDING. */
        NOT_PENDING,
        /** No eligible agent has room for the task. */
        NO_AGENT,
        /** The named agent breaks an eligibility rule; {@code message} names it. */
        INELIGIBLE,
        /** No task in the queue has an eligible agent. */
        NO_TASK
    }

    @Override
    public String commandId() {
        return requestId;
    }
}
