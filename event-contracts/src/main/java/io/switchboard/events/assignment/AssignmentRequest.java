package io.switchboard.events.assignment;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to the active decider, on the single-partition {@code assignment.requests} topic: assign one task
 * ({@code ASSIGN}, to {@code agentId} if given, else to the best eligible agent) or the first task of the queue that
 * has an eligible agent ({@code QUEUE_NEXT}). Answered on {@code assignment.results}.
 */
public record AssignmentRequest(String requestId, Kind kind, String taskId, String agentId, String actor,
                                Instant issuedAt, String replyTo) {

    public enum Kind {
        ASSIGN, QUEUE_NEXT
    }

    public AssignmentRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ASSIGN && (taskId == null || taskId.isBlank())) {
            throw new IllegalArgumentException("taskId is required to assign a task");
        }
    }
}
