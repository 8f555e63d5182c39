package io.switchboard.sla.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.ConsumerLagMetrics;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.sla.SlaClock;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskSlaWarning;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.EnumMap;
import java.util.Map;

/**
 * sla-monitor-service's metrics: {@code switchboard.sla.warnings} and {@code switchboard.sla.violations} (counters,
 * tag {@code priority}): {@code task.sla-warning} and {@code task.sla-violation} events published, each counted once,
 * by the instance that published it, after its transaction committed (sum over instances for the total);
 * {@code switchboard.consumer.lag} of the SLA clocks.
 */
@Configuration(proxyBeanMethods = false)
public class SlaMetrics {

    public static final String WARNINGS = "switchboard.sla.warnings";
    public static final String VIOLATIONS = "switchboard.sla.violations";

    @Bean
    MeterBinder slaMeters(AggregateRuntime<SlaClock, Object, CommandReply> slaRuntime) {
        return registry -> {
            Map<Priority, Counter> warnings = counters(registry, WARNINGS, "SLA warnings published");
            Map<Priority, Counter> violations = counters(registry, VIOLATIONS, "SLA violations published");
            slaRuntime.onPublished(message -> {
                if (message instanceof TaskSlaWarning warning) {
                    warnings.get(warning.task().priority()).increment();
                } else if (message instanceof TaskSlaViolation violation) {
                    violations.get(violation.task().priority()).increment();
                }
            });
            ConsumerLagMetrics.bind(registry, "sla-clocks", slaRuntime);
        };
    }

    private static Map<Priority, Counter> counters(MeterRegistry registry, String name, String description) {
        Map<Priority, Counter> counters = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            counters.put(priority, Counter.builder(name).description(description).tag("priority", priority.name())
                    .register(registry));
        }
        return counters;
    }
}
