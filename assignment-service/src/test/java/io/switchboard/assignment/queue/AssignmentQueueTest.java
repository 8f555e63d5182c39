package io.switchboard.assignment.queue;

import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.Candidate;
import io.switchboard.assignment.selection.DefaultAgentScorer;
import io.switchboard.assignment.selection.PendingTask;
import io.switchboard.assignment.selection.ScoringWeights;
import io.switchboard.events.task.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AssignmentQueueTest {

    private static final Instant T0 = Instant.parse("2026-01-12T09:00:00Z");
    private final AssignmentQueue queue = new AssignmentQueue(new QueuePolicy(Duration.ofMinutes(15), Map.of()));

    private static PendingTask task(String id, Priority priority, int createdSecond, Instant deadline, String tenant,
                                    String concurrencyKey) {
        return new PendingTask(id, 1, priority, T0.plusSeconds(createdSecond), deadline, tenant, concurrencyKey,
                Set.of(), Set.of(), Set.of());
    }

    private static PendingTask task(String id, Priority priority, int createdSecond) {
        return task(id, priority, createdSecond, null, null, null);
    }

    private List<String> order(AssignmentQueue queue, List<PendingTask> tasks, Instant now) {
        return queue.order(tasks, now).stream().map(PendingTask::id).toList();
    }

    @Test
    void higherPriorityFirstThenFirstComeFirstServed() {
        List<PendingTask> tasks = List.of(task("p3", Priority.P3, 0), task("p2-late", Priority.P2, 20),
                task("p0", Priority.P0, 30), task("p2-early", Priority.P2, 10), task("p1", Priority.P1, 40));
        assertThat(order(queue, tasks, T0.plusSeconds(60))).containsExactly("p0", "p1", "p2-early", "p2-late", "p3");
    }

    @Test
    void theEarliestDeadlineFirstWhereDeadlinesDiffer() {
        List<PendingTask> tasks = List.of(task("no-deadline", Priority.P1, 0, null, null, null),
                task("late", Priority.P1, 1, T0.plusSeconds(7200), null, null),
                task("soon", Priority.P1, 2, T0.plusSeconds(600), null, null));
        assertThat(order(queue, tasks, T0.plusSeconds(5))).containsExactly("soon", "late", "no-deadline");
    }

    @Test
    void agingLiftsAWaitingLowPriorityTaskSoAStreamOfHigherOnesCannotStarveIt() {
        PendingTask old = task("old-p3", Priority.P3, 0);
        PendingTask freshP2 = task("fresh-p2", Priority.P2, 3_000);
        assertThat(order(queue, List.of(old, freshP2), T0.plusSeconds(3_001))).containsExactly("old-p3", "fresh-p2");
        PendingTask youngP2 = task("young-p2", Priority.P2, 0);
        assertThat(order(queue, List.of(task("young-p3", Priority.P3, 0), youngP2), T0.plusSeconds(10 * 60)).get(0))
                .isEqualTo("young-p2");
        assertThat(queue.level(old, T0.plusSeconds(3 * 15 * 60))).isZero();
        AssignmentQueue noAging = new AssignmentQueue(new QueuePolicy(Duration.ZERO, Map.of()));
        assertThat(order(noAging, List.of(old, freshP2), T0.plus(Duration.ofDays(2)))).containsExactly("fresh-p2",
                "old-p3");
    }

    @Test
    void oneTenantsFloodInterleavesWithAnothersTasksByWeight() {
        List<PendingTask> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(task("big-" + i, Priority.P2, i, null, "big", null));
        }
        tasks.add(task("small-0", Priority.P2, 100, null, "small", null));
        tasks.add(task("small-1", Priority.P2, 101, null, "small", null));
        assertThat(order(queue, tasks, T0.plusSeconds(200)).subList(0, 4))
                .containsExactly("big-0", "small-0", "big-1", "small-1");
        AssignmentQueue weighted = new AssignmentQueue(new QueuePolicy(Duration.ZERO, Map.of("big", 2.0)));
        assertThat(order(weighted, tasks, T0.plusSeconds(200)).subList(0, 4))
                .containsExactly("big-0", "big-1", "small-0", "big-2");
    }

    @Test
    void thePlannerSkipsTasksWithoutAnEligibleAgentOrOverTheirCapWithoutBlockingOthers() {
        AgentPool pool = new AgentPool();
        pool.put(new Candidate("a", "a", true, Set.of("x"), 2, 0, 0.9, false));
        AssignmentPlanner planner = new AssignmentPlanner(new AgentSelector(new DefaultAgentScorer(
                new ScoringWeights(1, 1, 0.5))));
        PendingTask noAgent = new PendingTask("needs-y", 1, Priority.P0, T0, null, null, null, Set.of("y"), Set.of(),
                Set.of());
        PendingTask capped1 = new PendingTask("capped-1", 1, Priority.P1, T0, null, null, "api", Set.of("x"), Set.of(),
                Set.of());
        PendingTask capped2 = new PendingTask("capped-2", 1, Priority.P1, T0.plusSeconds(1), null, null, "api",
                Set.of("x"), Set.of(), Set.of());
        PendingTask free = new PendingTask("free", 1, Priority.P3, T0, null, null, null, Set.of("x"), Set.of(),
                Set.of());
        PendingTask tooMany = new PendingTask("too-many", 1, Priority.P3, T0.plusSeconds(5), null, null, null,
                Set.of("x"), Set.of(), Set.of());
        List<AssignmentPlanner.Placement> placements = planner.plan(List.of(noAgent, capped1, capped2, free, tooMany),
                pool, new ConcurrencyCaps(Map.of("api", 1)), 10);
        assertThat(placements).extracting(p -> p.task().id()).containsExactly("capped-1", "free");
        assertThat(pool.get("a").orElseThrow().load()).isEqualTo(2);
    }

    @Test
    void capsCountTasksAlreadyOpenUnderTheirKey() {
        ConcurrencyCaps caps = new ConcurrencyCaps(Map.of("customer-7", 2));
        caps.count("customer-7");
        assertThat(caps.tryTake("customer-7")).isTrue();
        assertThat(caps.tryTake("customer-7")).isFalse();
        assertThat(caps.tryTake("someone-else")).isTrue();
        assertThat(caps.tryTake(null)).isTrue();
    }
}
