package io.switchboard.assignment.queue;

import java.time.Duration;
import java.util.Map;

/**
 * How the queue orders waiting tasks. {@code agingStep}: every step a task waits raises it one priority level (P3
 * waiting 3 steps competes as P0), so nothing starves; zero turns aging off. {@code fairnessWeights}: the share of
 * each fairness key (a tenant or team) within a priority; keys not listed weigh 1.
 */
public record QueuePolicy(Duration agingStep, Map<String, Double> fairnessWeights) {

    public QueuePolicy {
        fairnessWeights = fairnessWeights == null ? Map.of() : Map.copyOf(fairnessWeights);
    }

    double weight(String fairnessKey) {
        Double weight = fairnessWeights.get(fairnessKey == null ? "" : fairnessKey);
        return weight == null || weight <= 0 ? 1.0 : weight;
    }
}
