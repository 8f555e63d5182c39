package io.switchboard.agent.registry;

import io.switchboard.aggregate.AggregateLogic;
import io.switchboard.aggregate.Decision;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.agent.Agent;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.AgentCommandResult;
import io.switchboard.events.agent.AgentEvent;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.command.CommandOutcome;
import io.switchboard.events.command.TaskCommand;

import java.time.Instant;
import java.util.List;

/** Agents as an aggregate kept in Kafka: {@link AgentLifecycle} decides, {@code agent.*} topics carry the rest. */
public final class AgentRegistryAggregate implements AggregateLogic<AgentState, AgentCommand, AgentCommandResult> {

    private final AgentLifecycle lifecycle;

    public AgentRegistryAggregate(AgentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public MessageType stateType() {
        return MessageType.AGENT_STATE;
    }

    @Override
    public MessageType resultType() {
        return MessageType.AGENT_COMMAND_RESULT;
    }

    @Override
    public String commandTopic() {
        return Topics.AGENT_COMMANDS;
    }

    @Override
    public Class<AgentCommand> commandClass() {
        return AgentCommand.class;
    }

    @Override
    public String id(AgentState state) {
        return state.agent().id();
    }

    @Override
    public long version(AgentState state) {
        return state.version();
    }

    @Override
    public String aggregateId(AgentCommand command) {
        return command.agentId();
    }

    @Override
    public String commandId(AgentCommand command) {
        return command.meta().commandId();
    }

    @Override
    public Decision<AgentState> decide(AgentState current, AgentCommand command, Instant now) {
        return lifecycle.decide(current, command, now);
    }

    @Override
    public List<AgentCommand> due(AgentState state, Instant now) {
        return lifecycle.due(state, now);
    }

    @Override
    public Instant nextDue(AgentState state) {
        return lifecycle.nextDue(state);
    }

    @Override
    public AgentCommandResult result(AgentCommand command, Decision<AgentState> decision, AgentState current) {
        String commandId = command.meta().commandId();
        String replyTo = command.meta().replyTo();
        if (decision instanceof Decision.Applied<AgentState> applied) {
            boolean created = command instanceof AgentCommand.Register && (current == null || !current.visible());
            return new AgentCommandResult(commandId, command.agentId(), replyTo, CommandOutcome.APPLIED, null, null,
                    null, applied.state().agent(), created);
        }
        if (decision instanceof Decision.Unchanged<AgentState> unchanged) {
            return new AgentCommandResult(commandId, command.agentId(), replyTo, CommandOutcome.UNCHANGED, null, null,
                    null, unchanged.state() == null ? null : unchanged.state().agent(), false);
        }
        Decision.Rejected<AgentState> rejected = (Decision.Rejected<AgentState>) decision;
        Agent agent = current == null ? null : current.agent();
        return new AgentCommandResult(commandId, command.agentId(), replyTo, CommandOutcome.REJECTED,
                rejected.reason(), rejected.message(), rejected.field(), agent, false);
    }

    @Override
    public String key(Object message) {
        if (message instanceof AgentEvent event) {
            return event.agentId();
        }
        return ((TaskCommand) message).taskId();
    }
}
