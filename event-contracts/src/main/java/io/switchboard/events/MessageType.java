package io.switchboard.events;

import io.switchboard.events.agent.AgentOverload;
import io.switchboard.events.agent.AgentRegistered;
import io.switchboard.events.agent.AgentUpdated;
import io.switchboard.events.command.AssignTask;
import io.switchboard.events.command.CancelTask;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.CompleteTask;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.command.FailTask;
import io.switchboard.events.command.ImportTask;
import io.switchboard.events.command.StartTask;
import io.switchboard.events.command.UpdateProgress;
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
    TASK_CREATED(Topics.eventTopic("task:created"), TaskCreated.class),
    TASK_ASSIGNED(Topics.eventTopic("task:assigned"), TaskAssigned.class),
    TASK_UPDATED(Topics.eventTopic("task:updated"), TaskUpdated.class),
    TASK_COMPLETED(Topics.eventTopic("task:completed"), TaskCompleted.class),
    TASK_FAILED(Topics.eventTopic("task:failed"), TaskFailed.class),
    TASK_CANCELLED(Topics.eventTopic("task:cancelled"), TaskCancelled.class),
    TASK_SLA_WARNING(Topics.eventTopic("task:sla-warning"), TaskSlaWarning.class),
    TASK_SLA_VIOLATION(Topics.eventTopic("task:sla-violation"), TaskSlaViolation.class),
    AGENT_REGISTERED(Topics.eventTopic("agent:registered"), AgentRegistered.class),
    AGENT_UPDATED(Topics.eventTopic("agent:updated"), AgentUpdated.class),
    AGENT_OVERLOAD(Topics.eventTopic("agent:overload"), AgentOverload.class),

    CREATE_TASK("task.command.create", Topics.TASK_COMMANDS, CreateTask.class),
    IMPORT_TASK("task.command.import", Topics.TASK_COMMANDS, ImportTask.class),
    ASSIGN_TASK("task.command.assign", Topics.TASK_COMMANDS, AssignTask.class),
    START_TASK("task.command.start", Topics.TASK_COMMANDS, StartTask.class),
    UPDATE_PROGRESS("task.command.progress", Topics.TASK_COMMANDS, UpdateProgress.class),
    COMPLETE_TASK("task.command.complete", Topics.TASK_COMMANDS, CompleteTask.class),
    FAIL_TASK("task.command.fail", Topics.TASK_COMMANDS, FailTask.class),
    CANCEL_TASK("task.command.cancel", Topics.TASK_COMMANDS, CancelTask.class),
    COMMAND_RESULT("task.command.result", Topics.TASK_COMMAND_RESULTS, CommandResult.class),
    TASK_STATE(Topics.TASK_STATE, TaskState.class);

    private static final Map<String, MessageType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::ceType, Function.identity()));
    private static final Map<Class<?>, MessageType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::payloadClass,
                    Function.identity()));

    private final String ceType;
    private final String topic;
    private final Class<?> payloadClass;

    MessageType(String topic, Class<?> payloadClass) {
        this(topic, topic, payloadClass);
    }

    MessageType(String ceType, String topic, Class<?> payloadClass) {
        this.ceType = ceType;
        this.topic = topic;
        this.payloadClass = payloadClass;
    }

    public String ceType() {
        return ceType;
    }

    /** The topic's base name, before any deployment prefix (see {@link Topics}). */
    public String topic() {
        return topic;
    }

    public Class<?> payloadClass() {
        return payloadClass;
    }

    /** The event name clients see ({@code task:created}); empty for commands and internal records. */
    public Optional<String> eventName() {
        return Topics.eventName(topic).filter(name -> topic.equals(ceType));
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
