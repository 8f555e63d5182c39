package io.switchboard.events.assignment;

import java.time.Instant;
import java.util.List;

/**
 * The decider chose {@code agentId} for the task at {@code taskVersion}; the matching {@code task.command.assign}
 * (command id = decision id) goes to task-service in the same transaction, which applies it only if the task is still
 * PENDING at that version. {@code candidates} are the best eligible agents with their scores, best first: why this
 * agent. {@code requestId} is set when a request (not the automatic queue) asked for it.
 */
public record AssignmentDecided(String decisionId, String taskId, long taskVersion, String agentId, String agentName,
                                String reason, List<CandidateScore> candidates, String requestId, Instant time) {

    /** One eligible agent and its score; {@code excluded} when it just failed or timed out on the task. */
    public record CandidateScore(String agentId, double score, int load, boolean excluded) {
    }
}
