package io.switchboard.task.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.ConsumerLagMetrics;
import io.switchboard.aggregate.StoreCounts;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskAssigned;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

/**
 * task-service's metrics:
 * <ul>
 *   <li>{@code switchboard.tasks} (gauge, tags {@code status}, {@code priority}): tasks in the state this instance
 *       has read from {@code task.state}, every status and priority listed (0 when none);</li>
 *   <li>{@code switchboard.assignment.latency} (timer with a percentile histogram): from a task's creation to its
 *       first assignment, recorded once per assignment by the instance that applied it, after its commit;</li>
 *   <li>{@code switchboard.consumer.lag} for the task state reader and command consumer.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class TaskMetrics {


    public static final String TASKS = "switchboard.tasks";
    public static final String ASSIGNMENT_LATENCY = "switchboard.assignment.latency";

    @Bean
    MeterBinder taskMeters(AggregateRuntime<TaskState, TaskCommand, CommandResult> taskRuntime) {
        return registry -> {
            StoreCounts<TaskState, List<Object>> counts = new StoreCounts<>(taskRuntime.store(),
                    state -> List.of(state.task().status(), state.task().priority()), Duration.ofMillis(500));
            for (TaskStatus status : TaskStatus.values()) {
                for (Priority priority : Priority.values()) {
                    List<Object> key = List.of(status, priority);
                    Gauge.builder(TASKS, counts, c -> c.count(key))
                            .description("Tasks by status and priority, as read from task.state")
                            .tag("status", status.name()).tag("priority", priority.name()).strongReference(true)
                            .register(registry);
                }
            }
            Timer latency = Timer.builder(ASSIGNMENT_LATENCY)
                    .description("Time from a task's creation to its first assignment")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(5))
                    .maximumExpectedValue(Duration.ofDays(7))
                    .register(registry);
            taskRuntime.onPublished(message -> {
                if (message instanceof TaskAssigned assigned) {
                    Task task = assigned.task();
                    if (task.attempts() <= 1 && task.createdAt() != null && task.assignedAt() != null
                            && !task.assignedAt().isBefore(task.createdAt())) {
                        latency.record(Duration.between(task.createdAt(), task.assignedAt()));
                    }
                }
            });
            ConsumerLagMetrics.bind(registry, "tasks", taskRuntime);
        };
    }
}
