package io.switchboard.task.store;

import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TaskQueryTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private static final List<TaskState> TASKS = List.of(
            task("A-1", "Write the runbook", TaskStatus.PENDING, null, Priority.P1, 1, Map.of("team", "platform")),
            task("A-2", "Fix checkout", TaskStatus.IN_PROGRESS, "agent-7", Priority.P0, 2, Map.of("team", "web")),
            task("A-3", "Review the runbook", TaskStatus.COMPLETED, "agent-7", Priority.P2, 3, Map.of()),
            task("A-4", "Runbook for the gateway", TaskStatus.ASSIGNED, "agent-8", Priority.P1, 4,
                    Map.of("team", "platform")),
            task("A-5", "Cancelled idea", TaskStatus.CANCELLED, null, Priority.P3, 5, Map.of()));

    @Test
    void openTasksWithoutAnAgentAreThePendingOnes() {
        TaskQuery query = query(Set.of(TaskStatus.PENDING, TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS), false,
                List.of(), false, 100, null);
        assertThat(ids(query.run(TASKS))).containsExactly("A-1");
    }

    @Test
    void everyWordOfASearchMustAppearWhateverItsCase() {
        assertThat(ids(query(Set.of(), null, List.of("RUNBOOK"), false, 100, null).run(TASKS)))
                .containsExactly("A-1", "A-3", "A-4");
        assertThat(ids(query(Set.of(), null, List.of("runbook", "team:platform"), false, 100, null).run(TASKS)))
                .containsExactly("A-1", "A-4");
        assertThat(ids(query(Set.of(), null, List.of("agent-7", "p0"), false, 100, null).run(TASKS)))
                .containsExactly("A-2");
        // An absent description or agent is not the word "null".
        assertThat(query(Set.of(), null, List.of("null"), false, 100, null).run(TASKS).total()).isZero();
    }

    @Test
    void newestFirstPagesThroughEveryTaskOnceInReverseOrder() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            TaskQuery.Page page = query(Set.of(), null, List.of(), true, 2, cursor).run(TASKS);
            assertThat(page.total()).isEqualTo(5);
            seen.addAll(ids(page));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactly("A-5", "A-4", "A-3", "A-2", "A-1");
    }

    @Test
    void countsListEveryStatusAndPriorityWhateverTheFilter() {
        TaskQuery.Tally tally = new TaskQuery.Tally();
        query(Set.of(TaskStatus.FAILED), null, List.of(), false, 1, null).run(TASKS, tally);
        TaskQuery.Counts counts = tally.counts();
        assertThat(counts.total()).isEqualTo(5);
        assertThat(counts.open()).isEqualTo(3);
        assertThat(counts.byStatus()).containsEntry(TaskStatus.PENDING, 1).containsEntry(TaskStatus.FAILED, 0)
                .hasSize(TaskStatus.values().length);
        assertThat(counts.byPriority()).containsEntry(Priority.P1, 2).containsEntry(Priority.P3, 1)
                .hasSize(Priority.values().length);
    }

    private static TaskQuery query(Set<TaskStatus> statuses, Boolean assigned, List<String> words, boolean newest,
                                   int limit, String cursor) {
        return new TaskQuery(statuses, null, null, assigned, null, Map.of(), words, newest, limit, cursor);
    }

    private static List<String> ids(TaskQuery.Page page) {
        return page.tasks().stream().map(Task::id).toList();
    }

    private static TaskState task(String id, String name, TaskStatus status, String agent, Priority priority,
                                  int minute, Map<String, String> labels) {
        Task.Builder task = new Task.Builder();
        task.id = id;
        task.name = name;
        task.status = status;
        task.agent = agent;
        task.priority = priority;
        task.labels = labels;
        task.requiredCapabilities = List.of("documentation");
        task.createdAt = T0.plusSeconds(60L * minute);
        task.version = 1;
        return new TaskState(task.build(), List.of(), null);
    }
}
