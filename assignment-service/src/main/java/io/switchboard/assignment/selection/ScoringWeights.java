package io.switchboard.assignment.selection;

/**
 * The default scorer's weights: score = preferred × (share of the task's preferred capabilities the agent has)
 * + reliability × (the agent's reliability) + freeCapacity × (its free share of its limit).
 */
public record ScoringWeights(double preferred, double reliability, double freeCapacity) {
}
