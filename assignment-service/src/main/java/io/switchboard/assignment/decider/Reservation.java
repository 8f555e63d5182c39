package io.switchboard.assignment.decider;

/**
 * A decision sent to task-service that it has not applied yet: the agent's slot and the task are taken until the
 * task's version moves past the one the decision saw (applied, or refused because the task changed).
 */
record Reservation(String taskId, long taskVersion, String agentId, String concurrencyKey) {
}
