package io.switchboard.sla.clock;

import io.switchboard.aggregate.Decision;
import io.switchboard.events.command.ReprioritiseTask;
import io.switchboard.events.sla.SlaClock;
import io.switchboard.events.sla.SlaTimerDue;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskSlaWarning;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.events.task.TaskUpdated;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlaClocksTest {

    private static final Instant T0 = Instant.parse("2026-01-12T09:00:00Z");
    private final SlaClocks clocks = new SlaClocks(new SlaPolicy(Map.of(Priority.P0, Duration.ofHours(1),
            Priority.P1, Duration.ofHours(24), Priority.P2, Duration.ofDays(7)), 0.8, false, Duration.ofSeconds(5),
            true));

    private static TaskUpdated event(long version, Priority priority, TaskStatus status, Instant dueAt) {
        Task task = new Task("T1", "Work", null, priority, status, null, 0, null, null, null, null, null, null, null,
                dueAt, 0, null, null, null, T0, null, null, null, null, null, T0, version);
        return new TaskUpdated("T1", version, T0, task, "X");
    }

    @Test
    void aChangeTheClockDoesNotSeeWritesNothingAndALaterOneStillMovesIt() {
        SlaClock clock = follow(null, event(1, Priority.P1, TaskStatus.IN_PROGRESS, null));
        Task.Builder halfway = event(2, Priority.P1, TaskStatus.IN_PROGRESS, null).task().toBuilder();
        halfway.progress = 50;
        assertThat(clocks.decide(clock, new TaskUpdated("T1", 2, T0, halfway.build(), "PROGRESS"), T0))
                .isInstanceOf(Decision.Unchanged.class);
        SlaClock done = follow(clock, event(3, Priority.P1, TaskStatus.COMPLETED, null));
        assertThat(done.version()).isEqualTo(3);
        assertThat(done.stopped()).isTrue();
    }

    private SlaClock follow(SlaClock clock, TaskUpdated event) {
        return ((Decision.Applied<SlaClock>) clocks.decide(clock, event, T0)).state();
    }

    private Decision<SlaClock> fireDue(SlaClock clock, Instant now) {
        List<SlaTimerDue> due = clocks.due(clock, now);
        assertThat(due).hasSize(1);
        return clocks.decide(clock, due.get(0), now);
    }

    @Test
    void anArchivedTasksClockIsForgottenOnceItStoppedAndNotBefore() {
        SlaClock running = follow(null, event(1, Priority.P1, TaskStatus.IN_PROGRESS, null));
        TaskUpdated done = event(2, Priority.P1, TaskStatus.COMPLETED, null);
        TaskArchived archived = new TaskArchived("T1", 2, T0.plus(Duration.ofDays(30)), done.task());
        assertThat(clocks.decide(running, archived, T0)).as("the end not seen yet: kept")
                .isInstanceOf(Decision.Unchanged.class);
        SlaClock stopped = follow(running, done);
        assertThat(clocks.decide(stopped, archived, T0)).isInstanceOfSatisfying(Decision.Removed.class,
                removed -> assertThat(removed.messages()).isEmpty());
        assertThat(clocks.decide(null, archived, T0)).isInstanceOf(Decision.Unchanged.class);
    }

    @Test
    void theDeadlineComesFromThePriorityBudgetAndTheWarningAtFourFifths() {
        SlaClock clock = follow(null, event(1, Priority.P0, TaskStatus.PENDING, null));
        assertThat(clock.deadline()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(clock.warnAt()).isEqualTo(T0.plus(Duration.ofMinutes(48)));
        assertThat(clocks.nextDue(clock)).isEqualTo(clock.warnAt());
        assertThat(clocks.due(clock, T0.plus(Duration.ofMinutes(47)))).isEmpty();
    }

    @Test
    void aLateTaskIsWarnedOnceThenViolatedOnceAndEscalated() {
        SlaClock clock = follow(null, event(1, Priority.P1, TaskStatus.IN_PROGRESS, null));
        Instant warnTime = clock.warnAt();
        Decision.Applied<SlaClock> warned = (Decision.Applied<SlaClock>) fireDue(clock, warnTime);
        assertThat(warned.messages()).singleElement().isInstanceOfSatisfying(TaskSlaWarning.class, warning -> {
            assertThat(warning.deadline()).isEqualTo(clock.deadline());
            assertThat(warning.remaining()).isEqualTo(Duration.ofMinutes(288));
            assertThat(warning.late()).isFalse();
        });
        assertThat(clocks.decide(warned.state(), clocks.due(clock, warnTime).get(0), warnTime))
                .isInstanceOf(Decision.Unchanged.class);
        assertThat(clocks.due(warned.state(), warnTime.plusSeconds(1))).isEmpty();
        assertThat(clocks.nextDue(warned.state())).isEqualTo(clock.deadline());

        Decision.Applied<SlaClock> violated = (Decision.Applied<SlaClock>) fireDue(warned.state(), clock.deadline());
        assertThat(violated.messages()).hasSize(2);
        assertThat(violated.messages().get(0)).isInstanceOfSatisfying(TaskSlaViolation.class,
                violation -> assertThat(violation.escalation()).isEqualTo("priority raised from P1 to P0"));
        assertThat(violated.messages().get(1)).isInstanceOfSatisfying(ReprioritiseTask.class,
                raise -> assertThat(raise.priority()).isEqualTo(Priority.P0));
        assertThat(clocks.nextDue(violated.state())).isNull();
        assertThat(clocks.due(violated.state(), clock.deadline().plusSeconds(600))).isEmpty();
    }

    @Test
    void aStoppedClockKeepsOnlyWhatTheReportReadsAndAnOpenOneTheWholeTaskItsWarningsCarry() {
        Task.Builder full = event(1, Priority.P1, TaskStatus.IN_PROGRESS, null).task().toBuilder();
        full.description = "x".repeat(4_000);
        full.labels = Map.of("team", "payments");
        full.requiredCapabilities = List.of("testing");
        full.agent = "agent-1";
        full.assignedAt = T0;
        SlaClock open = follow(null, new TaskUpdated("T1", 1, T0, full.build(), "STARTED"));
        assertThat(open.task()).isEqualTo(full.build());
        full.status = TaskStatus.COMPLETED;
        full.completedAt = T0.plus(Duration.ofHours(2));
        full.version = 2;
        SlaClock done = follow(open, new TaskUpdated("T1", 2, T0, full.build(), "COMPLETED"));
        assertThat(done.task().description()).isNull();
        assertThat(done.task().labels()).isEmpty();
        assertThat(done.task().requiredCapabilities()).isEmpty();
        assertThat(done.task()).extracting(Task::id, Task::priority, Task::status, Task::agent, Task::completedAt,
                Task::version).containsExactly("T1", Priority.P1, TaskStatus.COMPLETED, "agent-1",
                T0.plus(Duration.ofHours(2)), 2L);
        assertThat(SlaStanding.report(List.of(done), T0.plus(Duration.ofHours(3)), Duration.ofDays(1)))
                .isEqualTo(SlaStanding.report(List.of(new SlaClock("T1", 2, full.build(), done.deadline(),
                        done.warnAt(), null, null, true)), T0.plus(Duration.ofHours(3)), Duration.ofDays(1)));
        assertThat(clocks.decide(done, new TaskUpdated("T1", 3, T0, full.build(), "LABEL"), T0))
                .as("the same ended task again: nothing to write").isInstanceOf(Decision.Unchanged.class);
    }

    @Test
    void aTaskFinishedInTimeStopsItsClockAndP3WithoutDueDateHasNone() {
        SlaClock clock = follow(null, event(1, Priority.P0, TaskStatus.IN_PROGRESS, null));
        SlaClock done = follow(clock, event(2, Priority.P0, TaskStatus.COMPLETED, null));
        assertThat(done.stopped()).isTrue();
        assertThat(clocks.nextDue(done)).isNull();
        assertThat(clocks.due(done, T0.plus(Duration.ofDays(2)))).isEmpty();
        SlaClock p3 = follow(null, event(1, Priority.P3, TaskStatus.PENDING, null));
        assertThat(p3.deadline()).isNull();
        assertThat(clocks.nextDue(p3)).isNull();
        SlaClock p3Due = follow(null, event(1, Priority.P3, TaskStatus.PENDING, T0.plusSeconds(100)));
        assertThat(p3Due.deadline()).isEqualTo(T0.plusSeconds(100));
        assertThat(p3Due.warnAt()).isEqualTo(T0.plusSeconds(80));
    }

    @Test
    void aPriorityChangeMovesTheDeadlineAndAStaleTimerChangesNothing() {
        SlaClock clock = follow(null, event(1, Priority.P2, TaskStatus.PENDING, null));
        SlaTimerDue oldWarning = clocks.due(clock, clock.warnAt()).get(0);
        SlaClock raised = follow(clock, event(2, Priority.P0, TaskStatus.PENDING, null));
        assertThat(raised.deadline()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(clocks.decide(raised, oldWarning, clock.warnAt())).isInstanceOf(Decision.Unchanged.class);
        assertThat(clocks.decide(raised, event(1, Priority.P2, TaskStatus.PENDING, null), T0))
                .isInstanceOf(Decision.Unchanged.class);
    }

    @Test
    void aTimerFiredLongAfterItsTimeIsMarkedLateAndTheViolationCoversTheWarning() {
        SlaClock clock = follow(null, event(1, Priority.P0, TaskStatus.PENDING, null));
        Instant muchLater = clock.deadline().plus(Duration.ofMinutes(30));
        Decision.Applied<SlaClock> fired = (Decision.Applied<SlaClock>) fireDue(clock, muchLater);
        assertThat(fired.messages().get(0)).isInstanceOfSatisfying(TaskSlaViolation.class,
                violation -> assertThat(violation.late()).isTrue());
        assertThat(clocks.due(fired.state(), muchLater.plusSeconds(1))).isEmpty();
    }

    @Test
    void anEscalationThatMovesTheDeadlineEarlierDoesNotFlagTheSameLatenessAgainAndVersionsKeepGrowing() {
        SlaAggregate aggregate = new SlaAggregate(clocks);
        SlaClock clock = follow(null, event(1, Priority.P1, TaskStatus.IN_PROGRESS, null));
        SlaClock warned = ((Decision.Applied<SlaClock>) fireDue(clock, clock.warnAt())).state();
        SlaClock violated = ((Decision.Applied<SlaClock>) fireDue(warned, clock.deadline())).state();
        SlaClock escalated = follow(violated, event(2, Priority.P0, TaskStatus.IN_PROGRESS, null));
        assertThat(escalated.deadline()).isBefore(clock.deadline());
        assertThat(clocks.nextDue(escalated)).isNull();
        assertThat(clocks.due(escalated, clock.deadline().plusSeconds(60))).isEmpty();
        assertThat(aggregate.version(warned)).isGreaterThan(aggregate.version(clock));
        assertThat(aggregate.version(violated)).isGreaterThan(aggregate.version(warned));
        assertThat(aggregate.version(escalated)).isGreaterThan(aggregate.version(violated));

        SlaClock relaxed = follow(violated, event(2, Priority.P2, TaskStatus.IN_PROGRESS, null));
        assertThat(clocks.nextDue(relaxed)).isEqualTo(relaxed.warnAt());
        SlaClock warnedAgain = ((Decision.Applied<SlaClock>) fireDue(relaxed, relaxed.warnAt())).state();
        assertThat(aggregate.version(warnedAgain)).isGreaterThan(aggregate.version(relaxed));
    }
}
