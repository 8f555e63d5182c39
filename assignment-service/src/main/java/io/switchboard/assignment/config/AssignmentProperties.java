package io.switchboard.assignment.config;

import io.switchboard.events.task.AssignmentMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * assignment-service's own settings (SWITCHBOARD_ASSIGNMENT_MODE, ...); the ones every service shares are in
 * {@link io.switchboard.aggregate.ServiceProperties}.
 *
 * @param mode              AUTO (a pending task is assigned as soon as an eligible agent has room) or MANUAL (only
 *                          on request), for tasks that do not say
 * @param ackTimeout        an ASSIGNED task its agent has not started within this is taken back and offered to
 *                          another agent
 * @param maxPerRound       the most placements one round of the decider makes
 * @param recheck           how often the decider looks at the queue again when nothing changed (backoffs, aging)
 * @param agingStep         each step a task waits raises it one priority level; 0 turns aging off
 * @param fairnessWeights   share of each fairness key within a priority (keys not listed weigh 1)
 * @param concurrencyLimits open tasks allowed per concurrency key (keys not listed are unlimited)
 * @param scoring           weights of the default scorer
 * @param slaBudgets        SLA budget per priority, from creation; a priority not listed has no deadline
 * @param taskServiceGroup  task-service's consumer group (without the topic prefix)
 * @param takeoverTimeout   how long a new decider waits for task-service to apply its predecessor's decisions
 * @param capacityRefresh   how often the capacity gauges ({@code switchboard.capacity.*}) are computed again
 */
@ConfigurationProperties("switchboard.assignment")
public record AssignmentProperties(
        @DefaultValue("AUTO") AssignmentMode mode,
        @DefaultValue("2m") Duration ackTimeout,
        @DefaultValue("500") int maxPerRound,
        @DefaultValue("1s") Duration recheck,
        @DefaultValue("15m") Duration agingStep,
        Map<String, Double> fairnessWeights,
        Map<String, Integer> concurrencyLimits,
        @DefaultValue Scoring scoring,
        Map<String, Duration> slaBudgets,
        @DefaultValue("task-service") String taskServiceGroup,
        @DefaultValue("60s") Duration takeoverTimeout,
        @DefaultValue("5s") Duration capacityRefresh) {

    public AssignmentProperties {
        fairnessWeights = fairnessWeights == null ? Map.of() : Map.copyOf(fairnessWeights);
        concurrencyLimits = concurrencyLimits == null ? Map.of() : Map.copyOf(concurrencyLimits);
        slaBudgets = slaBudgets == null || slaBudgets.isEmpty()
                ? Map.of("P0", Duration.ofHours(1), "P1", Duration.ofHours(24), "P2", Duration.ofDays(7))
                : Map.copyOf(slaBudgets);
    }

    /** Score = preferred × share of preferred capabilities + reliability × reliability + freeCapacity × free share. */
    public record Scoring(@DefaultValue("1.0") double preferred, @DefaultValue("1.0") double reliability,
                          @DefaultValue("0.5") double freeCapacity) {
    }
}
