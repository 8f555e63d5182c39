package io.switchboard.assignment.config;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskReadModelTest {

    private static final Instant T0 = Instant.parse("2026-01-12T09:00:00Z");

    private static Task task(TaskStatus status) {
        Task.Builder task = new Task.Builder();
        task.id = "TASK-001";
        task.name = "Testing Infrastructure";
        task.description = "x".repeat(4_000);
        task.priority = Priority.P1;
        task.status = status;
        task.agent = "agent-testing";
        task.requiredCapabilities = List.of("testing");
        task.labels = Map.of("team", "platform");
        task.fairnessKey = "platform";
        task.createdAt = T0;
        task.assignedAt = T0.plusSeconds(1);
        task.completedAt = status == TaskStatus.COMPLETED ? T0.plusSeconds(60) : null;
        task.version = 4;
        return task.build();
    }

    @Test
    void anOpenTaskIsKeptWholeForTheDeciderAndAFinishedOneAsTheSummaryTheReportsRead() {
        Task open = task(TaskStatus.IN_PROGRESS);
        assertThat(AssignmentConfiguration.readModel(open).task()).isEqualTo(open);
        Task finished = AssignmentConfiguration.readModel(task(TaskStatus.COMPLETED)).task();
        assertThat(finished.description()).isNull();
        assertThat(finished.requiredCapabilities()).isEmpty();
        assertThat(finished.labels()).isEmpty();
        assertThat(finished.fairnessKey()).isNull();
        assertThat(finished).extracting(Task::id, Task::name, Task::priority, Task::status, Task::agent,
                Task::assignedAt, Task::completedAt, Task::version).containsExactly("TASK-001",
                "Testing Infrastructure", Priority.P1, TaskStatus.COMPLETED, "agent-testing", T0.plusSeconds(1),
                T0.plusSeconds(60), 4L);
    }
}
