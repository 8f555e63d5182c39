package io.switchboard.agent.holdings;

import io.switchboard.aggregate.Decision;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.agent.TaskOutcome;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskCreated;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.events.task.TaskUpdated;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TaskHoldingsTest {

    private static final Instant T0 = Instant.parse("2026-01-12T09:00:00Z");
    private final TaskHoldings holdings = new TaskHoldings();

    private static TaskUpdated updated(long version, TaskStatus status, String agent) {
        Task task = new Task("T1", "Docs", null, Priority.P1, status, agent, 0, null, null, null, null, null, null, null, null, 1,
                null, null, null, T0, T0, null, status == TaskStatus.COMPLETED ? T0.plusSeconds(90) : null, null, null,
                T0, version);
        return new TaskUpdated("T1", version, T0, task, status.name());
    }

    @Test
    void anAssignmentIsHeldByItsAgentAndACompletionReleasesIt() {
        Decision.Applied<TaskHolding> held = (Decision.Applied<TaskHolding>) holdings.decide(null,
                updated(2, TaskStatus.ASSIGNED, "a-1"), T0);
        assertThat(held.state()).isEqualTo(new TaskHolding("T1", "a-1", 2));
        assertThat(held.messages()).singleElement().isInstanceOfSatisfying(AgentCommand.HoldTask.class,
                hold -> assertThat(hold.agentId()).isEqualTo("a-1"));
        assertThat(holdings.decide(held.state(), updated(3, TaskStatus.IN_PROGRESS, "a-1"), T0))
                .isInstanceOf(Decision.Unchanged.class);
        Decision.Applied<TaskHolding> done = (Decision.Applied<TaskHolding>) holdings.decide(held.state(),
                updated(4, TaskStatus.COMPLETED, "a-1"), T0);
        assertThat(done.state().agent()).isNull();
        assertThat(done.messages()).singleElement().isInstanceOfSatisfying(AgentCommand.ReleaseHeldTask.class, r -> {
            assertThat(r.outcome()).isEqualTo(TaskOutcome.COMPLETED);
            assertThat(r.durationMs()).isEqualTo(90_000);
        });
    }

    @Test
    void anArchivedTaskIsForgottenOnceItsLastVersionWasSeenWithNoHolder() {
        TaskHolding held = ((Decision.Applied<TaskHolding>) holdings.decide(null,
                updated(2, TaskStatus.ASSIGNED, "a-1"), T0)).state();
        TaskUpdated completed = updated(4, TaskStatus.COMPLETED, "a-1");
        TaskArchived archived = new TaskArchived("T1", 4, T0.plusSeconds(3600), completed.task());
        assertThat(holdings.decide(held, archived, T0)).as("the completion not seen yet: kept")
                .isInstanceOf(Decision.Unchanged.class);
        TaskHolding done = ((Decision.Applied<TaskHolding>) holdings.decide(held, completed, T0)).state();
        assertThat(holdings.decide(done, archived, T0)).isInstanceOfSatisfying(Decision.Removed.class,
                removed -> assertThat(removed.messages()).as("no agent's load changes").isEmpty());
        assertThat(holdings.decide(null, archived, T0)).isInstanceOf(Decision.Unchanged.class);
    }

    @Test
    void replayedAndDuplicatedEventsChangeNothing() {
        TaskHolding held = ((Decision.Applied<TaskHolding>) holdings.decide(null,
                updated(2, TaskStatus.ASSIGNED, "a-1"), T0)).state();
        TaskHolding done = ((Decision.Applied<TaskHolding>) holdings.decide(held,
                updated(4, TaskStatus.COMPLETED, "a-1"), T0)).state();
        assertThat(holdings.decide(done, updated(2, TaskStatus.ASSIGNED, "a-1"), T0))
                .isInstanceOf(Decision.Unchanged.class);
        assertThat(holdings.decide(done, updated(4, TaskStatus.COMPLETED, "a-1"), T0))
                .isInstanceOf(Decision.Unchanged.class);
    }

    @Test
    void aTaskBackInTheQueueIsAFailureForItsAgentAndAnImportInAHeldStateIsHeld() {
        TaskHolding held = ((Decision.Applied<TaskHolding>) holdings.decide(null,
                updated(2, TaskStatus.IN_PROGRESS, "a-1"), T0)).state();
        Decision.Applied<TaskHolding> requeued = (Decision.Applied<TaskHolding>) holdings.decide(held,
                updated(3, TaskStatus.PENDING, null), T0);
        assertThat(((AgentCommand.ReleaseHeldTask) requeued.messages().get(0)).outcome())
                .isEqualTo(TaskOutcome.FAILED);
        Task imported = updated(1, TaskStatus.IN_PROGRESS, "a-2").task();
        assertThat(holdings.decide(null, new TaskCreated("T1", 1, T0, imported, true), T0))
                .isInstanceOfSatisfying(Decision.Applied.class, d -> assertThat(d.messages()).hasSize(1));
        Task pending = updated(1, TaskStatus.PENDING, null).task();
        assertThat(holdings.decide(null, new TaskCreated("T1", 1, T0, pending, false), T0))
                .as("a new task nobody holds writes no holding").isInstanceOf(Decision.Unchanged.class);
    }

    @Test
    void anOlderCreatedEventReadAfterANewerUpdateDoesNotCount() {
        Decision<TaskHolding> completedFirst = holdings.decide(null, updated(2, TaskStatus.COMPLETED, "a-1"), T0);
        assertThat(completedFirst).isInstanceOfSatisfying(Decision.Applied.class, d -> {
            assertThat(d.messages()).isEmpty();
            assertThat(((TaskHolding) d.state()).version()).isEqualTo(2);
        });
        Task imported = updated(1, TaskStatus.IN_PROGRESS, "a-1").task();
        assertThat(holdings.decide(((Decision.Applied<TaskHolding>) completedFirst).state(),
                new TaskCreated("T1", 1, T0, imported, true), T0)).isInstanceOf(Decision.Unchanged.class);
    }
}
