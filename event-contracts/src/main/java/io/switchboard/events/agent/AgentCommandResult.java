package io.switchboard.events.agent;

import io.switchboard.events.command.CommandOutcome;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.command.RejectionReason;

/**
 * The answer to an agent command, written in the same Kafka transaction as the change. {@code created} is true
 * when a registration made a new agent (rather than refreshing a known one).
 */
public record AgentCommandResult(String commandId, String agentId, String replyTo, CommandOutcome outcome,
                                 RejectionReason rejection, String error, String field, Agent agent, boolean created)
        implements CommandReply {
}
