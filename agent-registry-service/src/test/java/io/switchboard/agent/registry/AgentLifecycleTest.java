package io.switchboard.agent.registry;

import io.switchboard.aggregate.Decision;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.AgentCommandMeta;
import io.switchboard.events.agent.AgentOverload;
import io.switchboard.events.agent.AgentRegistered;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.agent.AgentUpdated;
import io.switchboard.events.agent.HeldTask;
import io.switchboard.events.agent.TaskOutcome;
import io.switchboard.events.command.RejectionReason;
import io.switchboard.events.command.ReleaseTask;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-01-12T09:00:00Z");
    private final AgentLifecycle lifecycle = new AgentLifecycle(
            new RegistryDefaults(Duration.ofSeconds(30), 3, 0.9, 0.1, 1));
    private int commands;

    private AgentCommandMeta meta() {
        return new AgentCommandMeta("c-" + ++commands, "agent-1", "tester", T0, null);
    }

    private Decision.Applied<AgentState> applied(AgentState current, AgentCommand command, Instant now) {
        Decision<AgentState> decision = lifecycle.decide(current, command, now);
        assertThat(decision).isInstanceOf(Decision.Applied.class);
        return (Decision.Applied<AgentState>) decision;
    }

    private AgentState registered(int max, long heartbeatMs) {
        return applied(null, new AgentCommand.Register(meta(), "Agent One", List.of("testing", "docs"), max, 0.8,
                heartbeatMs, null), T0).state();
    }

    private AgentState holding(AgentState agent, String taskId, long version) {
        return applied(agent, new AgentCommand.HoldTask(meta(), new HeldTask(taskId, "Task " + taskId, Priority.P1,
                TaskStatus.ASSIGNED, T0, version)), T0).state();
    }

    private AgentCommand.ReleaseHeldTask release(String taskId, long version, TaskOutcome outcome) {
        return new AgentCommand.ReleaseHeldTask(meta(), taskId, version, outcome, 60_000L);
    }

    @Test
    void aNewAgentIsIdleAtVersionOneAndAnnouncedAsRegistered() {
        Decision.Applied<AgentState> registered = applied(null, new AgentCommand.Register(meta(), null, null, null,
                null, null, null), T0);
        assertThat(registered.state().agent().status()).isEqualTo(AgentStatus.IDLE);
        assertThat(registered.state().agent().version()).isEqualTo(1);
        assertThat(registered.state().agent().name()).isEqualTo("agent-1");
        assertThat(registered.state().agent().reliability()).isEqualTo(0.9);
        assertThat(registered.state().agent().heartbeatIntervalMs()).isEqualTo(30_000);
        assertThat(registered.messages()).singleElement().isInstanceOf(AgentRegistered.class);
    }

    @Test
    void loadMakesItActiveThenOverloadedAtItsLimitWithOneOverloadEventPerEntry() {
        AgentState agent = registered(2, 30_000);
        Decision.Applied<AgentState> one = applied(agent, new AgentCommand.HoldTask(meta(),
                new HeldTask("T1", "x", Priority.P1, TaskStatus.ASSIGNED, T0, 2)), T0);
        assertThat(one.state().agent().status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(one.messages()).singleElement().isInstanceOf(AgentUpdated.class);
        Decision.Applied<AgentState> two = applied(one.state(), new AgentCommand.HoldTask(meta(),
                new HeldTask("T2", "x", Priority.P1, TaskStatus.ASSIGNED, T0, 2)), T0);
        assertThat(two.state().agent().status()).isEqualTo(AgentStatus.OVERLOADED);
        assertThat(two.messages()).hasAtLeastOneElementOfType(AgentOverload.class);
        Decision.Applied<AgentState> heartbeatWhileFull = applied(two.state(),
                new AgentCommand.Heartbeat(meta(), null, null), T0.plusSeconds(10));
        assertThat(heartbeatWhileFull.messages()).noneMatch(AgentOverload.class::isInstance);
        Decision.Applied<AgentState> freed = applied(two.state(), release("T1", 5, TaskOutcome.COMPLETED), T0);
        assertThat(freed.state().agent().status()).isEqualTo(AgentStatus.ACTIVE);
        Decision.Applied<AgentState> fullAgain = applied(freed.state(), new AgentCommand.HoldTask(meta(),
                new HeldTask("T3", "x", Priority.P1, TaskStatus.ASSIGNED, T0, 2)), T0);
        assertThat(fullAgain.messages()).hasAtLeastOneElementOfType(AgentOverload.class);
    }

    @Test
    void loweringTheLimitBelowTheLoadOrSayingSoOverloads() {
        AgentState agent = holding(registered(3, 30_000), "T1", 2);
        agent = holding(agent, "T2", 2);
        Decision.Applied<AgentState> lowered = applied(agent, new AgentCommand.Update(meta(), null, null, 1), T0);
        assertThat(lowered.state().agent().status()).isEqualTo(AgentStatus.OVERLOADED);
        assertThat(lowered.state().agent().utilisation()).isEqualTo(2.0);
        Decision.Applied<AgentState> selfReported = applied(registered(3, 30_000),
                new AgentCommand.Heartbeat(meta(), List.of("T9"), true), T0);
        assertThat(selfReported.state().agent().status()).isEqualTo(AgentStatus.OVERLOADED);
        assertThat(selfReported.state().reportedTasks()).containsExactly("T9");
    }

    @Test
    void anOperatorOfflineHoldsUntilClearedByActive() {
        AgentState offline = applied(registered(2, 30_000), new AgentCommand.SetStatus(meta(), AgentStatus.OFFLINE),
                T0).state();
        assertThat(offline.agent().status()).isEqualTo(AgentStatus.OFFLINE);
        assertThat(applied(offline, new AgentCommand.Heartbeat(meta(), null, null), T0).state().agent().status())
                .isEqualTo(AgentStatus.OFFLINE);
        assertThat(applied(offline, new AgentCommand.SetStatus(meta(), AgentStatus.ACTIVE), T0).state().agent()
                .status()).isEqualTo(AgentStatus.IDLE);
        assertThat(lifecycle.decide(offline, new AgentCommand.SetStatus(meta(), AgentStatus.OFFLINE), T0))
                .isInstanceOf(Decision.Unchanged.class);
    }

    @Test
    void aHeldTaskCountsOnceHoweverOftenItIsReported() {
        AgentState agent = holding(registered(3, 30_000), "T1", 2);
        assertThat(lifecycle.decide(agent, new AgentCommand.HoldTask(meta(), new HeldTask("T1", "x", Priority.P1,
                TaskStatus.ASSIGNED, T0, 2)), T0)).isInstanceOf(Decision.Unchanged.class);
        AgentState done = applied(agent, release("T1", 3, TaskOutcome.COMPLETED), T0).state();
        assertThat(done.agent().currentTasks()).isEmpty();
        assertThat(done.agent().completed()).isEqualTo(1);
        assertThat(done.agent().meanTimeToCompleteMs()).isEqualTo(60_000);
        assertThat(done.agent().reliability()).isCloseTo(0.82, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void failuresLowerReliabilityAndCount() {
        AgentState agent = holding(registered(3, 30_000), "T1", 2);
        AgentState failed = applied(agent, release("T1", 3, TaskOutcome.FAILED), T0).state();
        assertThat(failed.agent().failed()).isEqualTo(1);
        assertThat(failed.agent().reliability()).isCloseTo(0.72, org.assertj.core.data.Offset.offset(1e-9));
        AgentState cancelled = applied(holding(failed, "T2", 2), release("T2", 3, TaskOutcome.CANCELLED), T0).state();
        assertThat(cancelled.agent().reliability()).isEqualTo(failed.agent().reliability());
    }

    @Test
    void missedHeartbeatsExpireTheAgentAndHandItsTasksBack() {
        AgentState agent = holding(holding(registered(3, 1_000), "T1", 2), "T2", 4);
        assertThat(lifecycle.due(agent, T0.plusMillis(3_000))).isEmpty();
        List<AgentCommand> due = lifecycle.due(agent, T0.plusMillis(3_001));
        assertThat(due).singleElement().isInstanceOf(AgentCommand.Expire.class);
        Decision.Applied<AgentState> expired = applied(agent, due.get(0), T0.plusMillis(3_001));
        assertThat(expired.state().agent().status()).isEqualTo(AgentStatus.OFFLINE);
        assertThat(expired.state().agent().currentTasks()).isEmpty();
        assertThat(expired.messages()).filteredOn(ReleaseTask.class::isInstance).hasSize(2)
                .allSatisfy(m -> assertThat(((ReleaseTask) m).agent()).isEqualTo("agent-1"));
        assertThat(expired.messages()).filteredOn(AgentUpdated.class::isInstance).singleElement()
                .satisfies(m -> assertThat(((AgentUpdated) m).change()).isEqualTo("HEARTBEAT_EXPIRED"));
        assertThat(lifecycle.due(expired.state(), T0.plusSeconds(60))).isEmpty();

        Decision.Applied<AgentState> back = applied(expired.state(), new AgentCommand.Heartbeat(meta(), null, null),
                T0.plusSeconds(61));
        assertThat(back.state().agent().status()).isEqualTo(AgentStatus.IDLE);
        assertThat(((AgentUpdated) back.messages().get(0)).change()).isEqualTo("BACK_ONLINE");
    }

    @Test
    void anAgentThatIsNotExpectedToBeatNeverExpires() {
        assertThat(lifecycle.due(registered(1, 0), T0.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void deregisteringDrainsThenRemoves() {
        AgentState agent = holding(registered(2, 30_000), "T1", 2);
        AgentState draining = applied(agent, new AgentCommand.Deregister(meta()), T0).state();
        assertThat(draining.agent().deregistering()).isTrue();
        assertThat(draining.visible()).isTrue();
        AgentState removed = applied(draining, release("T1", 3, TaskOutcome.COMPLETED), T0).state();
        assertThat(removed.visible()).isFalse();
        assertThat(lifecycle.decide(removed, new AgentCommand.Heartbeat(meta(), null, null), T0))
                .isInstanceOf(Decision.Rejected.class);
        AgentState idle = registered(2, 30_000);
        assertThat(applied(idle, new AgentCommand.Deregister(meta()), T0).state().removed()).isTrue();
    }

    @Test
    void tasksHeldBeforeTheAgentRegistersAreItsLoadWhenItDoes() {
        AgentState stub = applied(null, new AgentCommand.HoldTask(meta(), new HeldTask("T1", "x", Priority.P1,
                TaskStatus.IN_PROGRESS, T0, 1)), T0).state();
        assertThat(stub.visible()).isFalse();
        AgentState agent = applied(stub, new AgentCommand.Register(meta(), "A", List.of(), 3, null, null, null), T0)
                .state();
        assertThat(agent.agent().currentTasks()).containsExactly("T1");
        assertThat(agent.agent().status()).isEqualTo(AgentStatus.ACTIVE);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertThat(field(new AgentCommand.Register(meta(), null, null, 0, null, null, null)))
                .isEqualTo("maxConcurrentTasks");
        assertThat(field(new AgentCommand.Register(meta(), null, null, null, 1.5, null, null)))
                .isEqualTo("reliability");
        assertThat(field(new AgentCommand.Register(meta(), null, List.of(" "), null, null, null, null)))
                .isEqualTo("capabilities");
        assertThat(field(new AgentCommand.Register(meta(), null, null, null, null, -1L, null)))
                .isEqualTo("heartbeatIntervalMs");
        Decision<AgentState> unknown = lifecycle.decide(null, new AgentCommand.Heartbeat(meta(), null, null), T0);
        assertThat(((Decision.Rejected<AgentState>) unknown).reason()).isEqualTo(RejectionReason.NOT_FOUND);
    }

    private String field(AgentCommand command) {
        return ((Decision.Rejected<AgentState>) lifecycle.decide(null, command, T0)).field();
    }

    @Test
    void aTaskAssignedToAnAgentWhoseHeartbeatsStoppedIsHandedBackAtOnce() {
        AgentState agent = registered(3, 1_000);
        AgentState expired = applied(agent, lifecycle.due(agent, T0.plusSeconds(10)).get(0), T0.plusSeconds(10))
                .state();
        Decision.Applied<AgentState> held = applied(expired, new AgentCommand.HoldTask(meta(), new HeldTask("T9",
                "x", Priority.P1, TaskStatus.ASSIGNED, T0, 3)), T0.plusSeconds(11));
        assertThat(held.state().agent().currentTasks()).isEmpty();
        assertThat(held.messages()).singleElement().isInstanceOfSatisfying(ReleaseTask.class,
                release -> assertThat(release.taskId()).isEqualTo("T9"));
    }

    @Test
    void overLongActorsAndReportsAreRefused() {
        AgentCommandMeta loud = new AgentCommandMeta("c-x", "agent-1", "a".repeat(200), T0, null);
        assertThat(((Decision.Rejected<AgentState>) lifecycle.decide(null, new AgentCommand.Register(loud, null, null,
                null, null, null, null), T0)).field()).isEqualTo("actor");
        List<String> tooMany = java.util.stream.IntStream.range(0, 1_001).mapToObj(i -> "T" + i).toList();
        assertThat(((Decision.Rejected<AgentState>) lifecycle.decide(registered(1, 0),
                new AgentCommand.Heartbeat(meta(), tooMany, null), T0)).field()).isEqualTo("runningTasks");
    }
}
