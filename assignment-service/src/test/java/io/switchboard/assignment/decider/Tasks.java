package io.switchboard.assignment.decider;

import io.switchboard.assignment.queue.AssignmentQueue;
import io.switchboard.assignment.queue.QueuePolicy;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.DefaultAgentScorer;
import io.switchboard.assignment.selection.ScoringWeights;
import io.switchboard.events.agent.Agent;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Tasks, agents and deciders for the decider's unit tests. */
final class Tasks {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private Tasks() {
    }

    static Task pending(String id, Priority priority, String... required) {
        Task.Builder task = new Task.Builder();
        task.id = id;
        task.name = "Task " + id;
        task.priority = priority;
        task.status = TaskStatus.PENDING;
        task.requiredCapabilities = List.of(required);
        task.createdAt = T0;
        task.updatedAt = T0;
        task.version = 1;
        return task.build();
    }

    /** The next version of {@code task} in {@code status}, held by {@code agent} (null for none). */
    static Task next(Task task, TaskStatus status, String agent) {
        Task.Builder next = task.toBuilder();
        next.status = status;
        next.agent = agent;
        next.version = task.version() + 1;
        if (status == TaskStatus.PENDING && task.agent() != null) {
            next.attempts = task.attempts() + 1;
        }
        return next.build();
    }

    static Task withConcurrencyKey(Task task, String key) {
        Task.Builder next = task.toBuilder();
        next.concurrencyKey = key;
        return next.build();
    }

    static AgentState agent(String id, int max, double reliability, String... capabilities) {
        return agent(id, AgentStatus.ACTIVE, max, reliability, 1, capabilities);
    }

    static AgentState agent(String id, AgentStatus status, int max, double reliability, long version,
                            String... capabilities) {
        return new AgentState(new Agent(id, "Agent " + id, status, List.of(capabilities), List.of(), max,
                reliability, 0, T0, 0, 0, 0, false, version, null), Map.of(), null, false, false, true, false,
                List.of());
    }

    static DeciderSettings settings(Map<String, Integer> concurrencyLimits) {
        return new DeciderSettings(AssignmentMode.AUTO, ACK_TIMEOUT, 1000, Duration.ofSeconds(1),
                concurrencyLimits, "task-service", Duration.ofSeconds(30));
    }

    /** Aging by a minute a level (so that histories of minutes see it), and uneven fairness weights. */
    static AssignmentQueue queue() {
        return new AssignmentQueue(new QueuePolicy(Duration.ofMinutes(1), Map.of("team-a", 2.0, "team-b", 0.5)));
    }

    static AgentSelector selector() {
        return new AgentSelector(new DefaultAgentScorer(new ScoringWeights(1.0, 1.0, 0.5)));
    }

    static SlaDeadlines deadlines() {
        return new SlaDeadlines(Map.of(Priority.P0, Duration.ofHours(1), Priority.P1, Duration.ofHours(24)));
    }

    static Decider decider(Map<String, Integer> concurrencyLimits) {
        AtomicLong ids = new AtomicLong();
        return new Decider(new DeciderState(deadlines(), queue(), AssignmentMode.AUTO), queue(), selector(),
                settings(concurrencyLimits),
                () -> "d-" + ids.incrementAndGet());
    }
}
