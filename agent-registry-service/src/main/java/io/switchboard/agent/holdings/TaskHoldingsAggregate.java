package io.switchboard.agent.holdings;

import io.switchboard.aggregate.AggregateLogic;
import io.switchboard.aggregate.Decision;
import io.switchboard.events.MessageType;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskEvent;

import java.time.Instant;
import java.util.List;

/**
 * Task holdings as an aggregate kept in Kafka, keyed by task id: its "commands" are the task lifecycle events
 * ({@code task.created} for tasks imported in a held state, {@code task.updated} for every change), and what it
 * publishes are commands to the agents concerned, in the same transaction as its offsets.
 */
public final class TaskHoldingsAggregate implements AggregateLogic<TaskHolding, TaskEvent, CommandReply> {

    private final TaskHoldings holdings = new TaskHoldings();

    @Override
    public MessageType stateType() {
        return MessageType.TASK_HOLDING;
    }

    @Override
    public MessageType resultType() {
        return null;
    }

    @Override
    public String commandTopic() {
        return MessageType.TASK_UPDATED.topic();
    }

    @Override
    public List<String> commandTopics() {
        return List.of(MessageType.TASK_CREATED.topic(), MessageType.TASK_UPDATED.topic(),
                MessageType.TASK_ARCHIVED.topic());
    }

    @Override
    public Class<TaskEvent> commandClass() {
        return TaskEvent.class;
    }

    @Override
    public String id(TaskHolding state) {
        return state.taskId();
    }

    @Override
    public long version(TaskHolding state) {
        return state.version();
    }

    @Override
    public String aggregateId(TaskEvent event) {
        return event.taskId();
    }

    @Override
    public String commandId(TaskEvent event) {
        return event.taskId() + "@" + event.version() + (event instanceof TaskArchived ? "/archived" : "");
    }

    @Override
    public Decision<TaskHolding> decide(TaskHolding current, TaskEvent event, Instant now) {
        return holdings.decide(current, event, now);
    }

    @Override
    public CommandReply result(TaskEvent event, Decision<TaskHolding> decision, TaskHolding current) {
        return null;
    }

    @Override
    public String key(Object message) {
        return ((AgentCommand) message).agentId();
    }
}
