package io.switchboard.assignment.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.aggregate.ConsumerLagMetrics;
import io.switchboard.aggregate.StateView;
import io.switchboard.aggregate.StoreCounts;
import io.switchboard.assignment.decider.AssignmentDecider;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * assignment-service's metrics: {@code switchboard.assignment.queue.depth} (gauge, tag {@code priority}): PENDING
 * tasks waiting for an agent, by their own priority (before aging), as read from {@code task.state};
 * {@code switchboard.assignment.decider.active} (1 on the instance that decides now); {@code switchboard.consumer.lag}
 * of the task and agent views.
 */
@Configuration(proxyBeanMethods = false)
public class AssignmentMetrics {

    public static final String QUEUE_DEPTH = "switchboard.assignment.queue.depth";

    @Bean
    MeterBinder assignmentMeters(StateView<TaskState> taskView, StateView<AgentState> agentView,
                                 AssignmentDecider decider) {
        return registry -> {
            StoreCounts<TaskState, Priority> pending = new StoreCounts<>(taskView.store(),
                    state -> state.task().status() == TaskStatus.PENDING ? state.task().priority() : null,
                    Duration.ofMillis(500));
            for (Priority priority : Priority.values()) {
                Gauge.builder(QUEUE_DEPTH, pending, c -> c.count(priority))
                        .description("PENDING tasks waiting for an agent, by priority")
                        .tag("priority", priority.name()).strongReference(true)
                        .register(registry);
            }
            Gauge.builder("switchboard.assignment.decider.active", decider, d -> d.active() ? 1 : 0)
                    .description("1 on the instance that is the active decider, else 0")
                    .register(registry);
            ConsumerLagMetrics.bind(registry, "task-view", taskView);
            ConsumerLagMetrics.bind(registry, "agent-view", agentView);
        };
    }
}
