package io.switchboard.gateway.notifications;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskCreated;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What people read of an event, in Slack and email: the SLA state as an operator needs it. */
class EventSummaryTest {

    private static final Instant NOW = Instant.parse("2026-01-13T10:00:00Z");

    private static Task task(TaskStatus status, Instant dueAt, String agent) {
        return new Task("TASK-001", "Testing Infrastructure", null, Priority.P1, status, agent, 0, null, List.of(),
                List.of(), Map.of(), null, null, null, dueAt, 0, null, null, null, NOW, null, null, null, null, null,
                NOW, 1);
    }

    private static String sla(EventSummary summary) {
        return summary.facts().stream().filter(f -> f.label().equals("SLA")).findFirst().orElseThrow().value();
    }

    @Test
    void theSlaStateIsViolatedAtRiskOverdueDueOrNone() {
        Task late = task(TaskStatus.IN_PROGRESS, NOW.minusSeconds(60), "agent-a");
        assertThat(sla(EventSummary.of("task:sla-violation", new TaskSlaViolation("TASK-001", 4, NOW, late,
                NOW.minusSeconds(60), false, null), NOW))).isEqualTo("violated");
        assertThat(sla(EventSummary.of("task:created", new TaskCreated("TASK-001", 1, NOW, late, false), NOW)))
                .isEqualTo("overdue");
        Task done = task(TaskStatus.COMPLETED, NOW.minusSeconds(60), null);
        assertThat(sla(EventSummary.of("task:created", new TaskCreated("TASK-001", 1, NOW, done, false), NOW)))
                .as("a finished task is not overdue").isEqualTo("due " + NOW.minusSeconds(60));
        Task open = task(TaskStatus.PENDING, null, null);
        EventSummary summary = EventSummary.of("task:created", new TaskCreated("TASK-001", 1, NOW, open, false), NOW);
        assertThat(sla(summary)).isEqualTo("no deadline");
        assertThat(summary.headline()).isEqualTo("task:created: TASK-001 Testing Infrastructure");
        assertThat(summary.facts()).extracting(EventSummary.Fact::label).containsExactly("Priority", "Status", "SLA");
    }
}
