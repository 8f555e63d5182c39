package io.switchboard.sla.clock;

import io.switchboard.aggregate.AggregateLogic;
import io.switchboard.aggregate.Decision;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.sla.SlaClock;
import io.switchboard.events.sla.SlaTimerDue;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskEvent;

import java.time.Instant;
import java.util.List;

/**
 * SLA clocks as an aggregate kept in Kafka, keyed by task id. Its inputs are its own timers ({@code sla.timers},
 * first: where due timers are issued) and the task lifecycle events; it publishes the {@code task.sla-*} events and
 * escalation commands to task-service, in the same transaction as its state and offsets.
 */
public final class SlaAggregate implements AggregateLogic<SlaClock, Object, CommandReply> {

    private final SlaClocks clocks;

    public SlaAggregate(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public MessageType stateType() {
        return MessageType.SLA_CLOCK;
    }

    @Override
    public MessageType resultType() {
        return null;
    }

    @Override
    public String commandTopic() {
        return Topics.SLA_TIMERS;
    }

    @Override
    public List<String> commandTopics() {
        return List.of(Topics.SLA_TIMERS, MessageType.TASK_CREATED.topic(), MessageType.TASK_UPDATED.topic(),
                MessageType.TASK_ARCHIVED.topic());
    }

    @Override
    public Class<Object> commandClass() {
        return Object.class;
    }

    @Override
    public String id(SlaClock state) {
        return state.taskId();
    }

    @Override
    public long version(SlaClock state) {
        // Firing changes the clock without a new task version: count what fired for the current deadline too, so
        // every change is newer than the one before (a new task version resets the flags, but is itself larger).
        boolean warned = state.deadline() != null && state.deadline().equals(state.warnedFor());
        boolean violated = state.deadline() != null && state.deadline().equals(state.violatedFor());
        return state.version() * 4 + (warned ? 1 : 0) + (violated ? 2 : 0);
    }

    @Override
    public String aggregateId(Object input) {
        if (input instanceof TaskEvent event) {
            return event.taskId();
        }
        if (input instanceof SlaTimerDue timer) {
            return timer.taskId();
        }
        throw new IllegalArgumentException("Not an SLA input: " + input.getClass().getSimpleName());
    }

    @Override
    public String commandId(Object input) {
        return input instanceof SlaTimerDue timer ? timer.timerId()
                : ((TaskEvent) input).taskId() + "@" + ((TaskEvent) input).version()
                + (input instanceof TaskArchived ? "/archived" : "");
    }

    @Override
    public Decision<SlaClock> decide(SlaClock current, Object input, Instant now) {
        return clocks.decide(current, input, now);
    }

    @Override
    public CommandReply result(Object input, Decision<SlaClock> decision, SlaClock current) {
        return null;
    }

    @Override
    public String key(Object message) {
        return message instanceof TaskEvent event ? event.taskId() : ((TaskCommand) message).taskId();
    }

    @Override
    public List<Object> due(SlaClock state, Instant now) {
        return List.copyOf(clocks.due(state, now));
    }

    @Override
    public Instant nextDue(SlaClock state) {
        return clocks.nextDue(state);
    }
}
