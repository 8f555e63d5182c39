package io.switchboard.events;

import io.switchboard.events.audit.AuditEntry;
import io.switchboard.events.a2a.A2aDispatch;
import io.switchboard.events.a2a.A2aPushReceived;
import io.switchboard.events.notification.ParkedDelivery;
import io.switchboard.events.notification.WebhookSubscription;
import io.switchboard.events.security.ApiKeyRecord;
import io.switchboard.events.agent.Agent;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.AgentCommandMeta;
import io.switchboard.events.agent.AgentCommandResult;
import io.switchboard.events.agent.AgentOverload;
import io.switchboard.events.agent.AgentRegistered;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentUpdated;
import io.switchboard.events.agent.HeldTask;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.agent.TaskOutcome;
import io.switchboard.events.assignment.AssignmentDecided;
import io.switchboard.events.assignment.AssignmentRequest;
import io.switchboard.events.assignment.AssignmentResult;
import io.switchboard.events.command.ArchiveTask;
import io.switchboard.events.command.AssignTask;
import io.switchboard.events.command.CancelTask;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.CommandOutcome;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.CompleteTask;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.command.FailTask;
import io.switchboard.events.command.ImportTask;
import io.switchboard.events.command.RejectionReason;
import io.switchboard.events.command.ReleaseTask;
import io.switchboard.events.command.ReprioritiseTask;
import io.switchboard.events.sla.SlaClock;
import io.switchboard.events.sla.SlaTimerDue;
import io.switchboard.events.command.StartTask;
import io.switchboard.events.command.UpdateProgress;
import io.switchboard.events.serde.CloudEventHeaders;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.serde.MessageDeserializer;
import io.switchboard.events.serde.MessageSerializer;
import io.switchboard.events.serde.UnreadableMessageException;
import io.switchboard.events.task.AgentRef;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.ImportedState;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.RetryPolicy;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskAssigned;
import io.switchboard.events.task.TaskCancelled;
import io.switchboard.events.task.TaskCompleted;
import io.switchboard.events.task.TaskCreated;
import io.switchboard.events.task.TaskFailed;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskSlaWarning;
import io.switchboard.events.task.TaskSpec;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.events.task.TaskTransition;
import io.switchboard.events.task.TaskUpdated;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    private static final Instant T = Instant.parse("2026-01-12T10:15:30.123Z");
    private static final Task TASK = new Task("TASK-001", "Testing Infrastructure", "Add Vitest", Priority.P1,
            TaskStatus.IN_PROGRESS, "antigravity-main", 50, "2-4h", List.of("testing"), List.of("infrastructure"),
            Map.of("team", "web"), "web", "github-api", AssignmentMode.AUTO, T.plusSeconds(3600), 1,
            new RetryPolicy(3, Duration.ofSeconds(30)), null, null, T, T, T, null, null, null, T, 4);
    private static final Agent AGENT = new Agent("copilot-agent", "GitHub Copilot Agent", AgentStatus.ACTIVE,
            List.of("documentation"), List.of("TASK-009"), 5, 0.94, 30_000, T, 3, 1, 120_000, false, 7, null);
    private static final CommandMeta META = new CommandMeta("c-1", "TASK-001", "ops", T, 4L, "instance-a");
    private static final AgentCommandMeta AGENT_META = new AgentCommandMeta("c-2", "copilot-agent", "ops", T, null);
    private static final HeldTask HELD = new HeldTask("TASK-009", "Copilot Configuration", Priority.P2,
            TaskStatus.ASSIGNED, T, 2);
    private static final TaskSpec SPEC = new TaskSpec("Testing Infrastructure", "Add Vitest", Priority.P1, "2h",
            List.of("testing"), List.of(), Map.of(), null, null, AssignmentMode.MANUAL, null, new RetryPolicy(1, Duration.ZERO));

    static List<Object> oneOfEach() {
        return List.of(
                new TaskCreated("TASK-001", 1, T, TASK, false),
                new TaskAssigned("TASK-001", 2, T, TASK, new AgentRef("antigravity-main", "Antigravity AI"), "best"),
                new TaskUpdated("TASK-001", 3, T, TASK, "PROGRESS"),
                new TaskCompleted("TASK-001", 4, T, TASK),
                new TaskFailed("TASK-001", 4, T, TASK, "Agent timeout", "antigravity-main", 1, false),
                new TaskCancelled("TASK-001", 4, T, TASK, "not needed", null),
                new TaskSlaWarning("TASK-001", 4, T, TASK, T.plusSeconds(60), Duration.ofMinutes(12), false),
                new TaskSlaViolation("TASK-001", 4, T, TASK, T, true, "priority raised to P0"),
                new AgentRegistered("copilot-agent", 1, T, AGENT),
                new AgentUpdated("copilot-agent", 7, T, AGENT, "HEARTBEAT"),
                new AgentOverload("copilot-agent", 7, T, AGENT),
                new CreateTask(META, SPEC),
                new ImportTask(META, SPEC, new ImportedState(TaskStatus.COMPLETED, "a", 100, T, T, T, T, null, null)),
                new AssignTask(META, new AgentRef("a", "A"), "only candidate"),
                new StartTask(META),
                new UpdateProgress(META, 75, TaskStatus.IN_PROGRESS),
                new CompleteTask(META),
                new FailTask(META, "Agent timeout"),
                new CancelTask(META, "duplicate"),
                new ArchiveTask(META),
                new TaskArchived("TASK-001", 4, T, TASK),
                CommandResult.rejected(META, RejectionReason.ILLEGAL_TRANSITION, "no", "status", TASK),
                new TaskState(TASK, List.of(new TaskTransition(T, null, TaskStatus.PENDING, "api", null, 1)), "f"),
                new ReleaseTask(META, "antigravity-main", "agent offline"),
                new AgentCommand.Register(AGENT_META, "Copilot", List.of("review"), 5, 0.94, 30_000L, null),
                new AgentCommand.Heartbeat(AGENT_META, List.of("TASK-009"), false),
                new AgentCommand.SetStatus(AGENT_META, AgentStatus.OFFLINE),
                new AgentCommand.Update(AGENT_META, null, List.of("review", "docs"), 6),
                new AgentCommand.Deregister(AGENT_META),
                new AgentCommand.HoldTask(AGENT_META, HELD),
                new AgentCommand.ReleaseHeldTask(AGENT_META, "TASK-009", 5, TaskOutcome.COMPLETED, 60_000L),
                new AgentCommand.Expire(AGENT_META),
                new AgentCommandResult("c-2", "copilot-agent", null, CommandOutcome.APPLIED, null, null, null, AGENT,
                        true),
                new AgentState(AGENT, Map.of("TASK-009", HELD), null, false, false, true, false, List.of()),
                new TaskHolding("TASK-009", "copilot-agent", 5),
                new AssignmentRequest("r-1", AssignmentRequest.Kind.ASSIGN, "TASK-007", null, "ops", T, "instance-a"),
                new AssignmentDecided("d-1", "TASK-007", 3, "agent-qr-feature", "Feature Development Agent",
                        "best of 2", List.of(new AssignmentDecided.CandidateScore("agent-qr-feature", 1.4, 0, false)),
                        "r-1", T),
                new AssignmentResult("r-1", AssignmentResult.Outcome.ASSIGNED, "TASK-007", 3, "agent-qr-feature",
                        "assigned", null),
                new ReprioritiseTask(META, Priority.P0, "SLA violated"),
                new SlaTimerDue("t-1", "TASK-001", SlaTimerDue.Kind.WARNING, T.plusSeconds(3600), T.plusSeconds(2880), T),
                new SlaClock("TASK-001", 4, TASK, T.plusSeconds(3600), T.plusSeconds(2880), null, null, false),
                new ApiKeyRecord("k-1", "ci-bot", "operator", null, "9f86d081884c7d65", T, null),
                new AuditEntry(T, "permission_granted", "admin", "task.assign", "a-1", "local-admin", "POST",
                        "/api/tasks/TASK-007/assign", 200, "r-1"),
                new WebhookSubscription("sub-1", "On-call", "webhook", "https://hooks.example.com/switchboard",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", List.of("task:sla-violation"), "P0", null, null,
                        null, "admin", T, null),
                new ParkedDelivery("sub-1", "sub-1:task.sla-violation:0:42", "task.sla-violation",
                        "task.sla-violation:0:42", 12, "HTTP 503", T, T.plusSeconds(21600), "{}"),
                new A2aDispatch("TASK-001", "research-agent", "https://agents.example.com/a2a", "a2a-7", "ctx-1",
                        "completed", "done", List.of(new A2aDispatch.Artifact("r-1", "report", "Report for 2026")),
                        T, 3, null),
                new A2aPushReceived("TASK-001", "a2a-7", "working", T));
    }

    @Test
    void everyMessageTypeHasAnExample() {
        Set<MessageType> covered = oneOfEach().stream().map(MessageType::of).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(EnumSet.allOf(MessageType.class));
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void roundTripsThroughKafkaSerdeWithCloudEventHeaders(Object message) {
        var headers = new RecordHeaders();
        byte[] bytes;
        try (var serializer = new MessageSerializer()) {
            serializer.configure(Map.of(MessageSerializer.SOURCE_CONFIG, "/test"), false);
            bytes = serializer.serialize("any", headers, message);
        }
        assertThat(MessageCodec.header(headers, CloudEventHeaders.TYPE)).isEqualTo(MessageType.of(message).ceType());
        assertThat(MessageCodec.header(headers, CloudEventHeaders.SOURCE)).isEqualTo("/test");
        assertThat(MessageCodec.header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(MessageCodec.header(headers, CloudEventHeaders.ID)).isNotBlank();
        assertThat(Instant.parse(MessageCodec.header(headers, CloudEventHeaders.TIME))).isNotNull();
        try (var deserializer = new MessageDeserializer()) {
            assertThat(deserializer.deserialize("any", headers, bytes)).isEqualTo(message);
        }
    }

    @Test
    void eventPayloadsUseTheSeedShapeWithIsoTimes() {
        String json = new String(new MessageCodec("/t").encode(oneOfEach().get(1)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"task\":{\"id\":\"TASK-001\"", "\"agent\":{\"id\":\"antigravity-main\"",
                "\"version\":2", "\"time\":\"2026-01-12T10:15:30.123Z\"");
        String warning = new String(new MessageCodec("/t").encode(oneOfEach().get(6)), StandardCharsets.UTF_8);
        assertThat(warning).contains("\"remaining\":\"PT12M\"");
    }

    @Test
    void topicsAreEventNamesWithDots() {
        assertThat(MessageType.TASK_SLA_VIOLATION.topic()).isEqualTo("task.sla-violation");
        assertThat(MessageType.TASK_SLA_VIOLATION.eventName()).contains("task:sla-violation");
        assertThat(MessageType.AGENT_OVERLOAD.eventName()).contains("agent:overload");
        assertThat(MessageType.CREATE_TASK.topic()).isEqualTo("task.commands");
        assertThat(MessageType.CREATE_TASK.eventName()).isEmpty();
        assertThat(MessageType.TASK_STATE.eventName()).isEmpty();
        assertThat(new Topics("ci-").of(MessageType.TASK_CREATED)).isEqualTo("ci-task.created");
    }

    @Test
    void unknownTypeIsRejectedByName() {
        var codec = new MessageCodec("/t");
        assertThatThrownBy(() -> codec.decode("task.exploded", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessage("Unknown message type 'task.exploded'");
        assertThatThrownBy(() -> codec.decode(new RecordHeaders(), "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("no ce_type header");
    }

    @Test
    void brokenJsonIsRejectedWithTheTypeInTheMessage() {
        var codec = new MessageCodec("/t");
        assertThatThrownBy(() -> codec.decode("task.created", "{\"taskId\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageStartingWith("Malformed task.created payload");
        assertThatThrownBy(() -> codec.decode("task.command.start", "{\"meta\":null}".getBytes()))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("meta");
        assertThatThrownBy(() -> codec.decode("task.command.fail", "[1,2]".getBytes()))
                .isInstanceOf(UnreadableMessageException.class);
        assertThatThrownBy(() -> codec.decode("task.command.fail", new byte[0]))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("has no value");
    }
}
