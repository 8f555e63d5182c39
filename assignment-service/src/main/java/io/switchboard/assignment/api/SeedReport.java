package io.switchboard.assignment.api;

import io.switchboard.events.agent.Agent;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delegation report in the seed server's own shape ({@code summary}, {@code tasksByPriority}, {@code agents} with
 * {@code currentLoad} as "1/3" and {@code reliability} as "98%", {@code recentActivity}), key for key, so that a
 * client written against the seed reads it unchanged.
 */
final class SeedReport {

    private SeedReport() {
    }

    static Map<String, Object> of(int total, Map<TaskStatus, Integer> byStatus, Map<Priority, Integer> byPriority,
                                  List<Agent> agents, Map<String, Integer> load, List<Task> recent) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("totalTasks", total);
        summary.put("completed", byStatus.getOrDefault(TaskStatus.COMPLETED, 0));
        summary.put("inProgress", byStatus.getOrDefault(TaskStatus.IN_PROGRESS, 0));
        summary.put("pending", byStatus.getOrDefault(TaskStatus.PENDING, 0));
        summary.put("failed", byStatus.getOrDefault(TaskStatus.FAILED, 0));
        Map<String, Object> priorities = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            priorities.put(priority.name(), byPriority.getOrDefault(priority, 0));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("summary", summary);
        report.put("tasksByPriority", priorities);
        report.put("agents", agents.stream().map(agent -> agent(agent, load.getOrDefault(agent.id(), 0))).toList());
        report.put("recentActivity", recent.stream().map(SeedReport::activity).toList());
        return report;
    }

    private static Map<String, Object> agent(Agent agent, int load) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", agent.id());
        line.put("name", agent.name());
        line.put("status", agent.status());
        line.put("currentLoad", load + "/" + agent.maxConcurrentTasks());
        line.put("reliability", Math.round(agent.reliability() * 100) + "%");
        return line;
    }

    private static Map<String, Object> activity(Task task) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", task.id());
        line.put("name", task.name());
        line.put("status", task.status());
        line.put("agent", task.agent());
        line.put("timestamp", RecentActivity.timestamp(task));
        return line;
    }
}
