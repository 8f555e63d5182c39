package io.switchboard.sla.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * sla-monitor-service's own settings (SWITCHBOARD_SLA_WARN_AT, ...); the shared ones are in
 * {@link io.switchboard.aggregate.ServiceProperties}.
 *
 * @param budgets        SLA budget per priority (P0 1h, P1 24h, P2 7d by default; a priority not listed has none)
 * @param warnAt         share of the budget after which a warning goes out
 * @param countFrom      CREATION (default) or ASSIGNMENT: when a task's clock starts
 * @param lateAfter      a timer that fires more than this after its time is marked late
 * @param raisePriority  on a violation, raise the task's priority one level (through task-service)
 * @param check          how often the owner of a task's clock looks for timers that fell due
 * @param reportWindow   the default window of the compliance report
 */
@ConfigurationProperties("switchboard.sla")
public record SlaProperties(
        Map<String, Duration> budgets,
        @DefaultValue("0.8") double warnAt,
        @DefaultValue("CREATION") CountFrom countFrom,
        @DefaultValue("5s") Duration lateAfter,
        @DefaultValue("true") boolean raisePriority,
        @DefaultValue("200ms") Duration check,
        @DefaultValue("24h") Duration reportWindow) {

    public enum CountFrom {
        CREATION, ASSIGNMENT
    }

    public SlaProperties {
        budgets = budgets == null || budgets.isEmpty()
                ? Map.of("P0", Duration.ofHours(1), "P1", Duration.ofHours(24), "P2", Duration.ofDays(7))
                : Map.copyOf(budgets);
    }
}
