package io.switchboard.assignment.capacity;

import io.switchboard.events.agent.Agent;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aKnownQueueGivesItsBacklogAndTheRoomForItPerCapability() {
        List<TaskState> tasks = List.of(
                task("T1", TaskStatus.PENDING, null, "team-a", 300, "Testing"),
                task("T2", TaskStatus.PENDING, null, "team-b", 60, "testing", "docs"),
                task("T3", TaskStatus.PENDING, null, null, 30, "testing"),
                task("T4", TaskStatus.ASSIGNED, "a1", null, 10, "testing"),
                task("T5", TaskStatus.IN_PROGRESS, "a1", null, 10, "testing"),
                task("T6", TaskStatus.COMPLETED, "a2", null, 900, "testing"));
        List<AgentState> agents = List.of(
                agent("a1", AgentStatus.ACTIVE, 3, false, "testing"),
                agent("a2", AgentStatus.IDLE, 2, false, "testing", "docs"),
                agent("a3", AgentStatus.OFFLINE, 5, false, "testing"),
                agent("a4", AgentStatus.IDLE, 4, true, "testing"),
                agent("a5", AgentStatus.IDLE, 1, false, "deploy"));

        List<Capacity.Line> lines = Capacity.of(tasks, agents, NOW);

        assertThat(lines).extracting(Capacity.Line::capability).containsExactly("deploy", "docs", "testing");
        Capacity.Line testing = lines.get(2);
        assertThat(testing.pending()).isEqualTo(3);
        assertThat(testing.oldestPending()).isEqualTo(Duration.ofSeconds(300));
        assertThat(testing.assignedNotStarted()).isEqualTo(1);
        assertThat(testing.inProgress()).isEqualTo(1);
        // a1 holds two open tasks of three, a2 none of two; a3 is offline and a4 deregistering: no room there.
        assertThat(testing.agents()).isEqualTo(2);
        assertThat(testing.freeSlots()).isEqualTo(1 + 2);
        assertThat(testing.byFairnessKey()).containsExactly(
                new Capacity.FairnessLine("team-a", 1, Duration.ofSeconds(300)),
                new Capacity.FairnessLine("team-b", 1, Duration.ofSeconds(60)));
        Capacity.Line docs = lines.get(1);
        assertThat(docs.pending()).isEqualTo(1);
        assertThat(docs.freeSlots()).isEqualTo(2);
        // An agent's capability with no work for it: room and no backlog, so a scaler may scale it to zero.
        Capacity.Line deploy = lines.get(0);
        assertThat(deploy.pending()).isZero();
        assertThat(deploy.oldestPending()).isEqualTo(Duration.ZERO);
        assertThat(deploy.freeSlots()).isEqualTo(1);
    }

    @Test
    void aCapabilityNoAgentHasStillShowsItsBacklog() {
        List<Capacity.Line> lines = Capacity.of(List.of(task("T1", TaskStatus.PENDING, null, null, 5, "gpu")),
                List.of(), NOW);
        assertThat(lines).containsExactly(new Capacity.Line("gpu", 1, Duration.ofSeconds(5), 0, 0, 0, 0, List.of()));
    }

    private static TaskState task(String id, TaskStatus status, String agent, String fairnessKey, long ageSeconds,
                                  String... required) {
        Task.Builder task = new Task.Builder();
        task.id = id;
        task.name = "Task " + id;
        task.priority = Priority.P2;
        task.status = status;
        task.agent = agent;
        task.fairnessKey = fairnessKey;
        task.requiredCapabilities = List.of(required);
        task.createdAt = NOW.minusSeconds(ageSeconds);
        task.version = 1;
        return new TaskState(task.build(), List.of(), null);
    }

    private static AgentState agent(String id, AgentStatus status, int max, boolean deregistering,
                                    String... capabilities) {
        return new AgentState(new Agent(id, "Agent " + id, status, List.of(capabilities), List.of(), max, 0.9, 0,
                NOW, 0, 0, 0, deregistering, 1, null), Map.of(), null, false, false, true, false, List.of());
    }
}
