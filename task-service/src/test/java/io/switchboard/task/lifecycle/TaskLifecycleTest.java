package io.switchboard.task.lifecycle;

import io.switchboard.aggregate.Decision;
import io.switchboard.events.command.ArchiveTask;
import io.switchboard.events.command.AssignTask;
import io.switchboard.events.command.CancelTask;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.CompleteTask;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.command.FailTask;
import io.switchboard.events.command.ImportTask;
import io.switchboard.events.command.RejectionReason;
import io.switchboard.events.command.ReleaseTask;
import io.switchboard.events.command.ReprioritiseTask;
import io.switchboard.events.command.StartTask;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.command.UpdateProgress;
import io.switchboard.events.task.AgentRef;
import io.switchboard.events.task.ImportedState;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.RetryPolicy;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskAssigned;
import io.switchboard.events.task.TaskCompleted;
import io.switchboard.events.task.TaskCreated;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskFailed;
import io.switchboard.events.task.TaskSpec;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.events.task.TaskUpdated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class TaskLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-01-12T10:00:00Z");
    private final TaskLifecycle lifecycle =
            new TaskLifecycle(new TaskDefaults(Priority.P2, new RetryPolicy(1, Duration.ofSeconds(30)), 100,
                    new TaskRetention(Duration.ofDays(30))));
    private int commands;

    private CommandMeta meta() {
        return meta(null);
    }

    private CommandMeta meta(Long expectedVersion) {
        return new CommandMeta("c-" + ++commands, "TASK-1", "tester", NOW, expectedVersion, null);
    }

    private static TaskSpec spec(String name, RetryPolicy retry) {
        return new TaskSpec(name, "desc", null, "1h", List.of("testing"), List.of(), Map.of("team", "web"),
                null, null, null, null, retry);
    }

    private TaskState created(RetryPolicy retry) {
        return applied(null, new CreateTask(meta(), spec("Write tests", retry))).state();
    }

    private TaskState inStatus(TaskStatus status) {
        TaskState task = created(null);
        if (status == TaskStatus.PENDING) {
            return task;
        }
        task = applied(task, new AssignTask(meta(), new AgentRef("agent-1", "Agent"), "only one")).state();
        if (status == TaskStatus.ASSIGNED) {
            return task;
        }
        task = applied(task, new StartTask(meta())).state();
        return switch (status) {
            case IN_PROGRESS -> task;
            case COMPLETED -> applied(task, new CompleteTask(meta())).state();
            case FAILED -> applied(task, new FailTask(meta(), "broke")).state();
            case CANCELLED -> applied(task, new CancelTask(meta(), "not needed")).state();
            default -> throw new IllegalArgumentException();
        };
    }

    private Decision.Applied<TaskState> applied(TaskState current, TaskCommand command) {
        Decision<TaskState> decision = lifecycle.decide(current, command, NOW);
        assertThat(decision).isInstanceOf(Decision.Applied.class);
        return (Decision.Applied<TaskState>) decision;
    }

    private Decision.Rejected<TaskState> rejected(TaskState current, TaskCommand command) {
        Decision<TaskState> decision = lifecycle.decide(current, command, NOW);
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        return (Decision.Rejected<TaskState>) decision;
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
    void aFinishedTaskIsArchivedOnceItsRetentionRanOutAndNotBefore(TaskStatus status) {
        TaskState finished = inStatus(status);
        TaskRetention retention = lifecycle.retention();
        assertThat(retention.expiresAt(finished)).isEqualTo(NOW.plus(Duration.ofDays(30)));
        TaskCommand archive = retention.archive(finished, NOW);

        Decision<TaskState> early = lifecycle.decide(finished, archive, NOW.plus(Duration.ofDays(30)).minusMillis(1));
        assertThat(early).isInstanceOf(Decision.Rejected.class);
        assertThat(((Decision.Rejected<TaskState>) early).reason()).isEqualTo(RejectionReason.ILLEGAL_TRANSITION);

        Decision<TaskState> due = lifecycle.decide(finished, archive, NOW.plus(Duration.ofDays(30)));
        assertThat(due).isInstanceOf(Decision.Removed.class);
        Decision.Removed<TaskState> removed = (Decision.Removed<TaskState>) due;
        assertThat(removed.last()).isEqualTo(finished);
        assertThat(removed.messages()).singleElement().isInstanceOfSatisfying(TaskArchived.class, archived -> {
            assertThat(archived.taskId()).isEqualTo("TASK-1");
            assertThat(archived.version()).isEqualTo(finished.version());
            assertThat(archived.task()).isEqualTo(finished.task());
        });
        // The same command again (a timer issued twice) finds no task: nothing is archived twice.
        assertThat(rejected(null, archive).reason()).isEqualTo(RejectionReason.NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"PENDING", "ASSIGNED", "IN_PROGRESS"})
    void anOpenTaskIsNeverArchivedHoweverOld(TaskStatus status) {
        TaskState open = inStatus(status);
        assertThat(lifecycle.retention().expiresAt(open)).isNull();
        TaskCommand archive = new ArchiveTask(meta());
        Decision<TaskState> decision = lifecycle.decide(open, archive, NOW.plus(Duration.ofDays(3650)));
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
        assertThat(((Decision.Rejected<TaskState>) decision).reason()).isEqualTo(RejectionReason.ILLEGAL_TRANSITION);
    }

    @Test
    void aZeroRetentionKeepsFinishedTasksForever() {
        assertThat(TaskRetention.FOREVER.expiresAt(inStatus(TaskStatus.COMPLETED))).isNull();
        assertThat(TaskRetention.FOREVER.expired(inStatus(TaskStatus.COMPLETED), NOW.plus(Duration.ofDays(3650))))
                .isFalse();
    }

    @Test
    void createMakesAPendingTaskAtVersionOneWithDefaults() {
        Decision.Applied<TaskState> created = applied(null, new CreateTask(meta(), spec("Write tests", null)));
        assertThat(created.state().task().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(created.state().task().version()).isEqualTo(1);
        assertThat(created.state().task().priority()).isEqualTo(Priority.P2);
        assertThat(created.state().task().retryPolicy().maxAttempts()).isEqualTo(1);
        assertThat(created.messages()).singleElement().isInstanceOf(TaskCreated.class);
        assertThat(created.state().history()).singleElement()
                .satisfies(line -> assertThat(line.to()).isEqualTo(TaskStatus.PENDING));
    }

    @Test
    void theSameCreateAgainChangesNothingButDifferentContentConflicts() {
        TaskState task = created(null);
        assertThat(lifecycle.decide(task, new CreateTask(meta(), spec("Write tests", null)), NOW))
                .isInstanceOf(Decision.Unchanged.class);
        assertThat(rejected(task, new CreateTask(meta(), spec("Other", null))).reason())
                .isEqualTo(RejectionReason.ALREADY_EXISTS);
    }

    @Test
    void theHappyPathGoesThroughEveryStatusWithOneVersionPerChange() {
        TaskState task = created(null);
        Decision.Applied<TaskState> assigned = applied(task, new AssignTask(meta(), new AgentRef("a-1", "A"), "best score"));
        assertThat(assigned.state().task().status()).isEqualTo(TaskStatus.ASSIGNED);
        assertThat(assigned.state().task().attempts()).isEqualTo(1);
        assertThat(assigned.messages()).first().isInstanceOfSatisfying(TaskAssigned.class,
                e -> assertThat(e.agent().id()).isEqualTo("a-1"));
        Decision.Applied<TaskState> started = applied(assigned.state(), new StartTask(meta()));
        Decision.Applied<TaskState> halfway = applied(started.state(), new UpdateProgress(meta(), 50, null));
        assertThat(halfway.state().task().progress()).isEqualTo(50);
        Decision.Applied<TaskState> done = applied(halfway.state(), new CompleteTask(meta()));
        assertThat(done.state().task().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.state().task().progress()).isEqualTo(100);
        assertThat(done.state().task().version()).isEqualTo(5);
        assertThat(done.messages()).hasAtLeastOneElementOfType(TaskCompleted.class);
        assertThat(done.state().history()).extracting(line -> line.to()).containsExactly(TaskStatus.PENDING,
                TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED);
    }

    @Test
    void progressOneHundredCompletesAndProgressOnAnAssignedTaskStartsIt() {
        Decision.Applied<TaskState> started = applied(inStatus(TaskStatus.ASSIGNED), new UpdateProgress(meta(), 10, null));
        assertThat(started.state().task().status()).isEqualTo(TaskStatus.IN_PROGRESS);
        Decision.Applied<TaskState> done = applied(started.state(), new UpdateProgress(meta(), 100, null));
        assertThat(done.state().task().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.state().task().completedAt()).isEqualTo(NOW);
    }

    @Test
    void sameProgressTwiceIsNoChange() {
        TaskState halfway = applied(inStatus(TaskStatus.IN_PROGRESS), new UpdateProgress(meta(), 40, null)).state();
        assertThat(lifecycle.decide(halfway, new UpdateProgress(meta(), 40, TaskStatus.IN_PROGRESS), NOW))
                .isInstanceOf(Decision.Unchanged.class);
    }

    @Test
    void progressOutsideTheRangeIsInvalid() {
        Decision.Rejected<TaskState> rejected = rejected(inStatus(TaskStatus.IN_PROGRESS), new UpdateProgress(meta(), 101, null));
        assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID);
        assertThat(rejected.field()).isEqualTo("progress");
    }

    @Test
    void anIllegalTransitionNamesBothStates() {
        Decision.Rejected<TaskState> rejected = rejected(inStatus(TaskStatus.PENDING), new StartTask(meta()));
        assertThat(rejected.reason()).isEqualTo(RejectionReason.ILLEGAL_TRANSITION);
        assertThat(rejected.message()).contains("from PENDING to IN_PROGRESS");
        assertThat(rejected(inStatus(TaskStatus.COMPLETED), new UpdateProgress(meta(), 20, null)).message())
                .contains("from COMPLETED to IN_PROGRESS");
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
    void aFinalTaskCannotFailOrBeAssigned(TaskStatus status) {
        TaskState task = inStatus(status);
        assertThat(rejected(task, new FailTask(meta(), "again")).reason())
                .isEqualTo(RejectionReason.ILLEGAL_TRANSITION);
        assertThat(rejected(task, new AssignTask(meta(), new AgentRef("a", "A"), null)).reason())
                .isEqualTo(RejectionReason.ILLEGAL_TRANSITION);
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"PENDING", "ASSIGNED", "IN_PROGRESS"})
    void failAndCancelWorkFromEveryOpenState(TaskStatus status) {
        assertThat(applied(inStatus(status), new FailTask(meta(), "broke")).state().task().status())
                .isEqualTo(TaskStatus.FAILED);
        assertThat(applied(inStatus(status), new CancelTask(meta(), null)).state().task().status())
                .isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void failWithoutAReasonIsInvalid() {
        assertThat(rejected(inStatus(TaskStatus.IN_PROGRESS), new FailTask(meta(), " ")).field()).isEqualTo("reason");
    }

    @Test
    void aFailedAttemptWithAttemptsLeftGoesBackToPendingAfterABackoff() {
        TaskState task = created(new RetryPolicy(2, Duration.ofSeconds(10)));
        task = applied(task, new AssignTask(meta(), new AgentRef("a-1", "A"), null)).state();
        Decision.Applied<TaskState> retried = applied(task, new FailTask(meta(), "timeout"));
        assertThat(retried.state().task().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(retried.state().task().agent()).isNull();
        assertThat(retried.state().task().nextAttemptAt()).isBetween(NOW.plusSeconds(8), NOW.plusSeconds(12));
        assertThat(retried.messages()).first().isInstanceOfSatisfying(TaskFailed.class, failed -> {
            assertThat(failed.willRetry()).isTrue();
            assertThat(failed.agent()).isEqualTo("a-1");
        });
        task = applied(retried.state(), new AssignTask(meta(), new AgentRef("a-2", "B"), null)).state();
        Decision.Applied<TaskState> failed = applied(task, new FailTask(meta(), "timeout again"));
        assertThat(failed.state().task().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.state().task().attempts()).isEqualTo(2);
        assertThat(failed.messages()).first().isInstanceOfSatisfying(TaskFailed.class,
                e -> assertThat(e.willRetry()).isFalse());
    }

    @Test
    void aStaleExpectedVersionIsRefused() {
        TaskState task = inStatus(TaskStatus.IN_PROGRESS);
        Decision.Rejected<TaskState> rejected = rejected(task, new UpdateProgress(meta(task.version() - 1), 20, null));
        assertThat(rejected.reason()).isEqualTo(RejectionReason.VERSION_MISMATCH);
        assertThat(applied(task, new UpdateProgress(meta(task.version()), 20, null)).state().version())
                .isEqualTo(task.version() + 1);
    }

    @Test
    void commandsForAnUnknownTaskAreNotFound() {
        assertThat(rejected(null, new StartTask(meta())).reason()).isEqualTo(RejectionReason.NOT_FOUND);
    }

    @Test
    void importKeepsTheStateFromTheOtherSystem() {
        ImportedState state = new ImportedState(TaskStatus.IN_PROGRESS, "antigravity-main", 50,
                NOW.minusSeconds(3600), null, null, null, null, null);
        Decision.Applied<TaskState> imported = applied(null, new ImportTask(meta(), spec("Testing", null), state));
        assertThat(imported.state().task().status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(imported.state().task().agent()).isEqualTo("antigravity-main");
        assertThat(imported.state().task().progress()).isEqualTo(50);
        assertThat(imported.state().task().createdAt()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(imported.messages()).singleElement().isInstanceOfSatisfying(TaskCreated.class,
                e -> assertThat(e.imported()).isTrue());
    }

    @Test
    void importOfAnOpenTaskNeedsItsAgent() {
        ImportedState state = new ImportedState(TaskStatus.ASSIGNED, null, 0, null, null, null, null, null, null);
        assertThat(rejected(null, new ImportTask(meta(), spec("x", null), state)).field()).isEqualTo("agent");
    }

    @Test
    void invalidContentIsRefusedWithTheField() {
        Function<TaskSpec, String> field = spec -> rejected(null, new CreateTask(meta(), spec)).field();
        assertThat(field.apply(spec(" ", null))).isEqualTo("name");
        assertThat(field.apply(spec("x".repeat(201), null))).isEqualTo("name");
        assertThat(field.apply(new TaskSpec("ok", null, null, null, List.of(""), null, null, null, null, null, null, null)))
                .isEqualTo("requiredCapabilities");
        assertThat(rejected(null, new CreateTask(new CommandMeta("c", "bad id!", "t", NOW, null, null),
                spec("ok", null))).field()).isEqualTo("id");
    }

    @Test
    void everyChangeIsAlsoATaskUpdatedWithTheSameVersion() {
        Decision.Applied<TaskState> done = applied(inStatus(TaskStatus.IN_PROGRESS), new CompleteTask(meta()));
        assertThat(done.messages()).hasAtLeastOneElementOfType(TaskUpdated.class)
                .allSatisfy(e -> assertThat(((TaskEvent) e).version()).isEqualTo(done.state().version()));
    }

    @Test
    void anAgentThatStoppedBeatingReleasesItsTaskBackToPendingWithTheAttemptCounted() {
        TaskState task = inStatus(TaskStatus.IN_PROGRESS);
        Decision.Applied<TaskState> released = applied(task, new ReleaseTask(meta(), "agent-1", "agent offline"));
        assertThat(released.state().task().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(released.state().task().agent()).isNull();
        assertThat(released.state().task().attempts()).isEqualTo(1);
        assertThat(released.messages()).first().isInstanceOfSatisfying(TaskFailed.class, e -> {
            assertThat(e.agent()).isEqualTo("agent-1");
            assertThat(e.willRetry()).isTrue();
        });
        assertThat(rejected(task, new ReleaseTask(meta(), "agent-2", null)).field()).isEqualTo("agent");
        assertThat(rejected(inStatus(TaskStatus.PENDING), new ReleaseTask(meta(), "agent-1", null)).reason())
                .isEqualTo(RejectionReason.ILLEGAL_TRANSITION);
    }

    @Test
    void retryBackoffIsSpreadByAtMostAFifthEitherWayAndDependsOnTheTask() {
        Duration base = Duration.ofSeconds(100);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration jittered = TaskLifecycle.jittered(base, "TASK-" + i, 1);
            assertThat(jittered).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(120));
            seen.add(jittered);
        }
        assertThat(seen).hasSizeGreaterThan(10);
        assertThat(TaskLifecycle.jittered(base, "TASK-1", 1)).isEqualTo(TaskLifecycle.jittered(base, "TASK-1", 1));
    }

    @Test
    void actorsAgentIdsAndBackoffsAreBounded() {
        CommandMeta loud = new CommandMeta("c-x", "TASK-1", "a".repeat(129), NOW, null, null);
        assertThat(rejected(null, new CreateTask(loud, spec("ok", null))).field()).isEqualTo("actor");
        ImportedState badAgent = new ImportedState(TaskStatus.IN_PROGRESS, "bad agent id", 0, null, null, null, null,
                null, null);
        assertThat(rejected(null, new ImportTask(meta(), spec("ok", null), badAgent)).field()).isEqualTo("agent");
        assertThat(rejected(inStatus(TaskStatus.PENDING), new AssignTask(meta(), new AgentRef(" ", "x"), null))
                .field()).isEqualTo("agent");
        assertThat(rejected(null, new CreateTask(meta(), spec("ok", new RetryPolicy(2, Duration.ofDays(2)))))
                .field()).isEqualTo("retryBackoff");
    }

    @Test
    void aPriorityChangeIsInTheHistoryAndRefusedForAFinalTask() {
        TaskState task = inStatus(TaskStatus.IN_PROGRESS);
        Decision.Applied<TaskState> raised = applied(task, new ReprioritiseTask(meta(), Priority.P0, "SLA violated"));
        assertThat(raised.state().task().priority()).isEqualTo(Priority.P0);
        assertThat(raised.state().task().status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(raised.state().history().get(raised.state().history().size() - 1).reason())
                .isEqualTo("priority P2 -> P0: SLA violated");
        assertThat(lifecycle.decide(raised.state(), new ReprioritiseTask(meta(), Priority.P0, null), NOW))
                .isInstanceOf(Decision.Unchanged.class);
        assertThat(rejected(inStatus(TaskStatus.COMPLETED), new ReprioritiseTask(meta(), Priority.P0, null)).reason())
                .isEqualTo(RejectionReason.ILLEGAL_TRANSITION);
    }
}
