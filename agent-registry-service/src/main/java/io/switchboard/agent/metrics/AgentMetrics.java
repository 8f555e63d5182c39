package io.switchboard.agent.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.ConsumerLagMetrics;
import io.switchboard.aggregate.StoreCounts;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.AgentCommandResult;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.task.TaskEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * agent-registry-service's metrics: {@code switchboard.agents} (gauge, tag {@code status}): registered agents by
 * status, as read from {@code agent.state}; {@code switchboard.consumer.lag} of both aggregates (agents, holdings).
 */
@Configuration(proxyBeanMethods = false)
public class AgentMetrics {

    public static final String AGENTS = "switchboard.agents";

    @Bean
    MeterBinder agentMeters(AggregateRuntime<AgentState, AgentCommand, AgentCommandResult> agentRuntime,
                            AggregateRuntime<TaskHolding, TaskEvent, CommandReply> holdingsRuntime) {
        return registry -> {
            StoreCounts<AgentState, AgentStatus> counts = new StoreCounts<>(agentRuntime.store(),
                    state -> state.visible() ? state.agent().status() : null, Duration.ofMillis(500));
            for (AgentStatus status : AgentStatus.values()) {
                Gauge.builder(AGENTS, counts, c -> c.count(status))
                        .description("Registered agents by status, as read from agent.state")
                        .tag("status", status.name()).strongReference(true)
                        .register(registry);
            }
            ConsumerLagMetrics.bind(registry, "agents", agentRuntime);
            ConsumerLagMetrics.bind(registry, "holdings", holdingsRuntime);
        };
    }
}
