package io.switchboard.events;

import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.audit.AuditEntry;
import io.switchboard.events.a2a.A2aDispatch;
import io.switchboard.events.a2a.A2aPushReceived;
import io.switchboard.events.notification.ParkedDelivery;
import io.switchboard.events.notification.WebhookSubscription;
import io.switchboard.events.security.ApiKeyRecord;
import io.switchboard.events.assignment.AssignmentDecided;
import io.switchboard.events.assignment.AssignmentRequest;
import io.switchboard.events.assignment.AssignmentResult;
import io.switchboard.events.agent.AgentCommandResult;
import io.switchboard.events.agent.AgentOverload;
import io.switchboard.events.agent.AgentRegistered;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentUpdated;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.command.ArchiveTask;
import io.switchboard.events.command.AssignTask;
import io.switchboard.events.command.CancelTask;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.CompleteTask;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.command.FailTask;
import io.switchboard.events.command.ImportTask;
import io.switchboard.events.command.ReleaseTask;
import io.switchboard.events.command.ReprioritiseTask;
import io.switchboard.events.sla.SlaClock;
import io.switchboard.events.sla.SlaTimerDue;
import io.switchboard.events.command.StartTask;
import io.switchboard.events.command.UpdateProgress;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskAssigned;
import io.switchboard.events.task.TaskCancelled;
import io.switchboard.events.task.TaskCompleted;
import io.switchboard.events.task.TaskCreated;
import io.switchboard.events.task.TaskFailed;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskSlaWarning;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskUpdated;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of record Switchboard writes to Kafka, in one place: its CloudEvents type (the {@code ce_type}
 * header), the topic it goes to and the Java record that holds it. For the public events the topic is the
 * event name with ':' turned into '.', and the type is the topic name.
 */
public enum MessageType {
    TASK_CREATED(event("task:created"), TaskCreated.class),
    TASK_ASSIGNED(event("task:assigned"), TaskAssigned.class),
    TASK_UPDATED(event("task:updated"), TaskUpdated.class),
    TASK_COMPLETED(event("task:completed"), TaskCompleted.class),
    TASK_FAILED(event("task:failed"), TaskFailed.class),
    TASK_CANCELLED(event("task:cancelled"), TaskCancelled.class),
    TASK_SLA_WARNING(event("task:sla-warning"), TaskSlaWarning.class),
    TASK_SLA_VIOLATION(event("task:sla-violation"), TaskSlaViolation.class),
    AGENT_REGISTERED(event("agent:registered"), AgentRegistered.class),
    AGENT_UPDATED(event("agent:updated"), AgentUpdated.class),
    AGENT_OVERLOAD(event("agent:overload"), AgentOverload.class),

    CREATE_TASK(internal("task.command.create", Topics.TASK_COMMANDS), CreateTask.class),
    IMPORT_TASK(internal("task.command.import", Topics.TASK_COMMANDS), ImportTask.class),
    ASSIGN_TASK(internal("task.command.assign", Topics.TASK_COMMANDS), AssignTask.class),
    START_TASK(internal("task.command.start", Topics.TASK_COMMANDS), StartTask.class),
    UPDATE_PROGRESS(internal("task.command.progress", Topics.TASK_COMMANDS), UpdateProgress.class),
    COMPLETE_TASK(internal("task.command.complete", Topics.TASK_COMMANDS), CompleteTask.class),
    FAIL_TASK(internal("task.command.fail", Topics.TASK_COMMANDS), FailTask.class),
    CANCEL_TASK(internal("task.command.cancel", Topics.TASK_COMMANDS), CancelTask.class),
    RELEASE_TASK(internal("task.command.release", Topics.TASK_COMMANDS), ReleaseTask.class),
    REPRIORITISE_TASK(internal("task.command.priority", Topics.TASK_COMMANDS), ReprioritiseTask.class),
    ARCHIVE_TASK(internal("task.command.archive", Topics.TASK_COMMANDS), ArchiveTask.class),
    COMMAND_RESULT(internal("task.command.result", Topics.TASK_COMMAND_RESULTS), CommandResult.class),
    TASK_STATE(internal(Topics.TASK_STATE, Topics.TASK_STATE), TaskState.class),
    TASK_ARCHIVED(internal(Topics.TASK_ARCHIVED, Topics.TASK_ARCHIVED), TaskArchived.class),

    REGISTER_AGENT(internal("agent.command.register", Topics.AGENT_COMMANDS), AgentCommand.Register.class),
    AGENT_HEARTBEAT(internal("agent.command.heartbeat", Topics.AGENT_COMMANDS), AgentCommand.Heartbeat.class),
    SET_AGENT_STATUS(internal("agent.command.status", Topics.AGENT_COMMANDS), AgentCommand.SetStatus.class),
    UPDATE_AGENT(internal("agent.command.update", Topics.AGENT_COMMANDS), AgentCommand.Update.class),
    DEREGISTER_AGENT(internal("agent.command.deregister", Topics.AGENT_COMMANDS), AgentCommand.Deregister.class),
    HOLD_TASK(internal("agent.command.hold-task", Topics.AGENT_COMMANDS), AgentCommand.HoldTask.class),
    RELEASE_HELD_TASK(internal("agent.command.release-task", Topics.AGENT_COMMANDS),
            AgentCommand.ReleaseHeldTask.class),
    EXPIRE_AGENT(internal("agent.command.expire", Topics.AGENT_COMMANDS), AgentCommand.Expire.class),
    AGENT_COMMAND_RESULT(internal("agent.command.result", Topics.AGENT_COMMAND_RESULTS), AgentCommandResult.class),
    AGENT_STATE(internal(Topics.AGENT_STATE, Topics.AGENT_STATE), AgentState.class),
    TASK_HOLDING(internal(Topics.TASK_HOLDINGS, Topics.TASK_HOLDINGS), TaskHolding.class),

    ASSIGNMENT_REQUEST(internal("assignment.request", Topics.ASSIGNMENT_REQUESTS), AssignmentRequest.class),
    ASSIGNMENT_DECIDED(internal(Topics.ASSIGNMENT_DECIDED, Topics.ASSIGNMENT_DECIDED), AssignmentDecided.class),
    ASSIGNMENT_RESULT(internal("assignment.result", Topics.ASSIGNMENT_RESULTS), AssignmentResult.class),

    SLA_TIMER_DUE(internal("sla.timer", Topics.SLA_TIMERS), SlaTimerDue.class),
    SLA_CLOCK(internal(Topics.SLA_STATE, Topics.SLA_STATE), SlaClock.class),

    API_KEY(internal("gateway.api-key", Topics.API_KEYS), ApiKeyRecord.class),
    AUDIT_ENTRY(internal("audit.entry", Topics.AUDIT_LOG), AuditEntry.class),

    WEBHOOK_SUBSCRIPTION(internal("notification.subscription", Topics.NOTIFICATION_SUBSCRIPTIONS),
            WebhookSubscription.class),
    PARKED_DELIVERY(internal("notification.parked-delivery", Topics.NOTIFICATION_PARKED), ParkedDelivery.class),

    A2A_DISPATCH(internal("a2a.dispatch", Topics.A2A_DISPATCHES), A2aDispatch.class),
    A2A_PUSH_RECEIVED(internal("a2a.push-received", Topics.A2A_PUSHES), A2aPushReceived.class);

    /** Where a type goes: its ce_type, its topic, and the event name clients see (null if not a public event). */
    private record Route(String ceType, String topic, String eventName) {
    }

    private static Route event(String eventName) {
        String topic = Topics.eventTopic(eventName);
        return new Route(topic, topic, eventName);
    }

    private static Route internal(String ceType, String topic) {
        return new Route(ceType, topic, null);
    }

    private static final Map<String, MessageType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::ceType, Function.identity()));
    private static final Map<Class<?>, MessageType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::payloadClass,
                    Function.identity()));

    private final Route route;
    private final Class<?> payloadClass;

    MessageType(Route route, Class<?> payloadClass) {
        this.route = route;
        this.payloadClass = payloadClass;
    }

    public String ceType() {
        return route.ceType();
    }

    /** The topic's base name, before any deployment prefix (see {@link Topics}). */
    public String topic() {
        return route.topic();
    }

    public Class<?> payloadClass() {
        return payloadClass;
    }

    /** The event name clients see ({@code task:created}); empty for commands and internal records. */
    public Optional<String> eventName() {
        return Optional.ofNullable(route.eventName());
    }

    public static Optional<MessageType> ofCeType(String ceType) {
        return Optional.ofNullable(BY_TYPE.get(ceType));
    }

    public static MessageType of(Object payload) {
        MessageType type = BY_CLASS.get(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException("Not a Switchboard message: " + payload.getClass().getName());
        }
        return type;
    }
}
