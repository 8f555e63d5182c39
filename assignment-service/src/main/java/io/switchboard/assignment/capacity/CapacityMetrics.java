package io.switchboard.assignment.capacity;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.aggregate.StateView;
import io.switchboard.assignment.config.AssignmentProperties;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.task.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The capacity figures as gauges, one series per capability ({@code capability} tag; the pending ones also per
 * {@code fairness_key}): {@code switchboard.capacity.pending}, {@code .pending.oldest.seconds},
 * {@code .assigned.not.started}, {@code .in.progress}, {@code .agents}, {@code .free.slots} and {@code .pending.by.fairness}. Computed
 * from the views every {@code switchboard.assignment.capacity-refresh} (5 s) on a thread of their own, since the
 * set of capabilities changes with the tasks: a capability no longer seen drops out.
 */
@Component
class CapacityMetrics implements MeterBinder, DisposableBean {

    static final String PREFIX = "switchboard.capacity.";
    private static final Logger log = LoggerFactory.getLogger(CapacityMetrics.class);

    private final StateView<TaskState> tasks;
    private final StateView<AgentState> agents;
    private final Clock clock;
    private final long refreshMillis;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "capacity-metrics");
        thread.setDaemon(true);
        return thread;
    });

    CapacityMetrics(StateView<TaskState> taskView, StateView<AgentState> agentView, Clock clock,
                    AssignmentProperties properties) {
        this.tasks = taskView;
        this.agents = agentView;
        this.clock = clock;
        this.refreshMillis = properties.capacityRefresh().toMillis();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        List<Series> gauges = List.of(
                new Series(MultiGauge.builder(PREFIX + "pending").description("PENDING tasks that require the capability")
                        .register(registry), Capacity.Line::pending),
                new Series(MultiGauge.builder(PREFIX + "pending.oldest.seconds").baseUnit("seconds")
                        .description("Age of the oldest PENDING task that requires the capability")
                        .register(registry), line -> line.oldestPending().toMillis() / 1000.0),
                new Series(MultiGauge.builder(PREFIX + "assigned.not.started")
                        .description("ASSIGNED tasks that require the capability, not started yet")
                        .register(registry), Capacity.Line::assignedNotStarted),
                new Series(MultiGauge.builder(PREFIX + "in.progress")
                        .description("IN_PROGRESS tasks that require the capability").register(registry),
                        Capacity.Line::inProgress),
                new Series(MultiGauge.builder(PREFIX + "agents")
                        .description("Agents with the capability that take work").register(registry),
                        Capacity.Line::agents),
                new Series(MultiGauge.builder(PREFIX + "free.slots")
                        .description("Free slots of the agents with the capability that take work")
                        .register(registry), Capacity.Line::freeSlots));
        MultiGauge byFairness = MultiGauge.builder(PREFIX + "pending.by.fairness")
                .description("PENDING tasks that require the capability, per fairness key").register(registry);
        refresher.scheduleWithFixedDelay(() -> refresh(gauges, byFairness), 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    private void refresh(List<Series> gauges, MultiGauge byFairness) {
        try {
            List<Capacity.Line> lines = Capacity.of(tasks.store().all(), agents.store().all(), clock.instant());
            for (Series gauge : gauges) {
                gauge.meter().register(lines.stream().map(line -> MultiGauge.Row.of(
                        Tags.of("capability", line.capability()), gauge.value().applyAsDouble(line))).toList(), true);
            }
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Capacity.Line line : lines) {
                line.byFairnessKey().forEach(key -> rows.add(MultiGauge.Row.of(
                        Tags.of("capability", line.capability(), "fairness_key", key.fairnessKey()), key.pending())));
            }
            byFairness.register(rows, true);
        } catch (RuntimeException e) {
            // Thrown out of the task, it would end the schedule: the gauges keep their last values until the next.
            log.warn("Capacity gauges not refreshed", e);
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    /** One gauge of series per capability, and the figure of a line it shows. */
    private record Series(MultiGauge meter, ToDoubleFunction<Capacity.Line> value) {
    }
}
