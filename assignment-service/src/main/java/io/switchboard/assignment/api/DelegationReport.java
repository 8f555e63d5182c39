package io.switchboard.assignment.api;

import io.switchboard.assignment.decider.SlaDeadlines;
import io.switchboard.events.agent.Agent;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's delegation report, from the views of tasks and agents: totals by status and priority, each agent's load,
 * reliability and counts, the queue's depth, and SLA standing (open tasks past their deadline, and at risk: less than
 * a fifth of their budget left). Under {@code report} the same figures in exactly the seed server's shape, which the
 * seed's own dashboard reads (see {@link SeedReport}).
 */
@Component
class DelegationReport {

    /** The seed lists the ten most recent assignments or completions. */
    private static final int RECENT_ACTIVITY = 10;

    private final SlaDeadlines deadlines;

    DelegationReport(SlaDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    Map<String, Object> build(Collection<TaskState> taskStates, Collection<AgentState> agentStates, Instant now) {
        Map<TaskStatus, Integer> byStatus = new EnumMap<>(TaskStatus.class);
        Map<Priority, Integer> byPriority = new EnumMap<>(Priority.class);
        Map<Priority, Integer> queued = new EnumMap<>(Priority.class);
        int violated = 0;
        int atRisk = 0;
        Map<String, Integer> load = new HashMap<>();
        RecentActivity recent = new RecentActivity(RECENT_ACTIVITY);
        for (TaskState state : taskStates) {
            Task task = state.task();
            recent.offer(task);
            if (task.status().isOpen() && task.agent() != null) {
                load.merge(task.agent(), 1, Integer::sum);
            }
            byStatus.merge(task.status(), 1, Integer::sum);
            byPriority.merge(task.priority(), 1, Integer::sum);
            if (task.status() == TaskStatus.PENDING) {
                queued.merge(task.priority(), 1, Integer::sum);
            }
            Instant deadline = deadlines.of(task);
            if (task.status().isFinal() || deadline == null) {
                continue;
            }
            if (now.isAfter(deadline)) {
                violated++;
            } else if (task.createdAt() != null) {
                Duration budget = Duration.between(task.createdAt(), deadline);
                if (Duration.between(now, deadline).multipliedBy(5).compareTo(budget) < 0) {
                    atRisk++;
                }
            }
        }
        List<Map<String, Object>> agents = new ArrayList<>();
        List<Agent> visible = agentStates.stream().filter(AgentState::visible).map(AgentState::agent)
                .sorted(Comparator.comparing(Agent::id)).toList();
        visible.forEach(agent -> {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("id", agent.id());
                    line.put("name", agent.name());
                    line.put("status", agent.status());
                    // Load as task-service holds it now; the registry's own count follows a moment later.
                    int open = load.getOrDefault(agent.id(), 0);
                    line.put("load", open);
                    line.put("maxConcurrentTasks", agent.maxConcurrentTasks());
                    line.put("utilisation", agent.maxConcurrentTasks() == 0 ? 0.0
                            : (double) open / agent.maxConcurrentTasks());
                    line.put("reliability", agent.reliability());
                    line.put("completed", agent.completed());
                    line.put("failed", agent.failed());
                    agents.add(line);
                });
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("tasks", taskStates.size());
        totals.put("byStatus", byStatus);
        totals.put("byPriority", byPriority);
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("depth", byStatus.getOrDefault(TaskStatus.PENDING, 0));
        queue.put("byPriority", queued);
        Map<String, Object> sla = new LinkedHashMap<>();
        sla.put("violated", violated);
        sla.put("atRisk", atRisk);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("generatedAt", now);
        body.put("totals", totals);
        body.put("agents", agents);
        body.put("queue", queue);
        body.put("sla", sla);
        body.put("report", SeedReport.of(taskStates.size(), byStatus, byPriority, visible, load, recent.newestFirst()));
        return body;
    }
}
