package io.switchboard.assignment.api;

import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.task.TaskStatus;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Documentation only: the delegation report as {@link DelegationReport#build} writes it, with the seed's shape under
 * {@code report} ({@link SeedReport}). Never instantiated.
 */
@Schema(description = "Tasks by status and priority, each agent's load, reliability and counts, the queue's depth "
        + "and SLA standing; under report the same figures in the seed server's own shape.")
public record DelegationReportAnswer(
        @Schema(description = "Always true in a 2xx answer.", requiredMode = Schema.RequiredMode.REQUIRED)
        boolean success,
        @Schema(description = "When the report was made.", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant generatedAt,
        @Schema(description = "Task counts.", requiredMode = Schema.RequiredMode.REQUIRED)
        Totals totals,
        @ArraySchema(arraySchema = @Schema(description = "Every registered agent, by id.",
                requiredMode = Schema.RequiredMode.REQUIRED))
        List<AgentLine> agents,
        @Schema(description = "The queue of pending tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
        Queue queue,
        @Schema(description = "SLA standing of the open tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
        Sla sla,
        @Schema(description = "The same figures in the seed server's shape, key for key.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        SeedDelegationReport report) {

    @Schema(name = "DelegationTotals", description = "Task counts, in all and by status and priority.")
    public record Totals(
            @Schema(description = "How many tasks there are.", requiredMode = Schema.RequiredMode.REQUIRED)
            int tasks,
            @Schema(description = "How many tasks are in each status, keyed by status (PENDING, ASSIGNED, "
                    + "IN_PROGRESS, COMPLETED, FAILED, CANCELLED); a status no task is in is left out.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Map<String, Integer> byStatus,
            @Schema(description = "How many tasks have each priority, keyed by priority (P0-P3); a priority no task "
                    + "has is left out.", requiredMode = Schema.RequiredMode.REQUIRED)
            Map<String, Integer> byPriority) {
    }

    @Schema(name = "DelegationAgentLine", description = "One agent's load, as task-service holds the tasks now, and "
            + "its figures.")
    public record AgentLine(
            @Schema(description = "The agent's id.", requiredMode = Schema.RequiredMode.REQUIRED)
            String id,
            @Schema(description = "Its name.", requiredMode = Schema.RequiredMode.REQUIRED)
            String name,
            @Schema(description = "Its status.", requiredMode = Schema.RequiredMode.REQUIRED)
            AgentStatus status,
            @Schema(description = "How many open tasks (assigned or in progress) it holds.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int load,
            @Schema(description = "Its limit.", requiredMode = Schema.RequiredMode.REQUIRED)
            int maxConcurrentTasks,
            @Schema(description = "load / maxConcurrentTasks (0 when the limit is 0).",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            double utilisation,
            @Schema(description = "Its reliability, 0-1.", requiredMode = Schema.RequiredMode.REQUIRED)
            double reliability,
            @Schema(description = "Tasks it completed.", requiredMode = Schema.RequiredMode.REQUIRED)
            long completed,
            @Schema(description = "Tasks it failed or gave back.", requiredMode = Schema.RequiredMode.REQUIRED)
            long failed) {
    }

    @Schema(name = "DelegationQueue", description = "The pending tasks.")
    public record Queue(
            @Schema(description = "How many tasks are PENDING.", requiredMode = Schema.RequiredMode.REQUIRED)
            int depth,
            @Schema(description = "How many pending tasks have each priority, keyed by priority (P0-P3); a priority "
                    + "no pending task has is left out.", requiredMode = Schema.RequiredMode.REQUIRED)
            Map<String, Integer> byPriority) {
    }

    @Schema(name = "DelegationSla", description = "SLA standing of the open tasks.")
    public record Sla(
            @Schema(description = "Open tasks past their deadline.", requiredMode = Schema.RequiredMode.REQUIRED)
            int violated,
            @Schema(description = "Open tasks with less than a fifth of their budget left.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int atRisk) {
    }

    @Schema(name = "SeedDelegationReport", description = "The delegation report in the seed server's own shape.")
    public record SeedDelegationReport(
            @Schema(description = "Task counts.", requiredMode = Schema.RequiredMode.REQUIRED)
            SeedSummary summary,
            @Schema(description = "How many tasks have each priority.", requiredMode = Schema.RequiredMode.REQUIRED)
            SeedTasksByPriority tasksByPriority,
            @ArraySchema(arraySchema = @Schema(description = "Every registered agent, by id.",
                    requiredMode = Schema.RequiredMode.REQUIRED))
            List<SeedAgent> agents,
            @ArraySchema(arraySchema = @Schema(description = "The ten most recent assignments or completions, newest "
                    + "first.", requiredMode = Schema.RequiredMode.REQUIRED))
            List<SeedActivity> recentActivity) {
    }

    @Schema(name = "SeedReportSummary", description = "The seed's task counts.")
    public record SeedSummary(
            @Schema(description = "How many tasks there are.", requiredMode = Schema.RequiredMode.REQUIRED)
            int totalTasks,
            @Schema(description = "COMPLETED tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
            int completed,
            @Schema(description = "IN_PROGRESS tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
            int inProgress,
            @Schema(description = "PENDING tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
            int pending,
            @Schema(description = "FAILED tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
            int failed) {
    }

    @Schema(name = "SeedTasksByPriority", description = "How many tasks have each priority, every priority listed.")
    public record SeedTasksByPriority(
            @Schema(description = "P0 tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
            int P0,
            @Schema(description = "P1 tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
            int P1,
            @Schema(description = "P2 tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
            int P2,
            @Schema(description = "P3 tasks.", requiredMode = Schema.RequiredMode.REQUIRED)
            int P3) {
    }

    @Schema(name = "SeedReportAgent", description = "One agent as the seed's report shows it.")
    public record SeedAgent(
            @Schema(description = "The agent's id.", requiredMode = Schema.RequiredMode.REQUIRED)
            String id,
            @Schema(description = "Its name.", requiredMode = Schema.RequiredMode.REQUIRED)
            String name,
            @Schema(description = "Its status.", requiredMode = Schema.RequiredMode.REQUIRED)
            AgentStatus status,
            @Schema(description = "Open tasks over its limit, as text.", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "1/3")
            String currentLoad,
            @Schema(description = "Its reliability as a rounded percentage, as text.",
                    requiredMode = Schema.RequiredMode.REQUIRED, example = "98%")
            String reliability) {
    }

    @Schema(name = "SeedReportActivity", description = "A recent assignment or completion.")
    public record SeedActivity(
            @Schema(description = "The task's id.", requiredMode = Schema.RequiredMode.REQUIRED)
            String id,
            @Schema(description = "The task's name.", requiredMode = Schema.RequiredMode.REQUIRED)
            String name,
            @Schema(description = "The task's status now.", requiredMode = Schema.RequiredMode.REQUIRED)
            TaskStatus status,
            @Schema(description = "The agent holding the task, null once it went back to the queue.", nullable = true)
            String agent,
            @Schema(description = "Its completion time, else its assignment time.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Instant timestamp) {
    }
}
