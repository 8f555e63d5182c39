package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.command.CommandReply;

import java.time.Instant;
import java.util.List;

/**
 * The domain side of an aggregate kept in Kafka: how to read its commands, apply them and answer them. The
 * runtime ({@link AggregateRuntime}) does the Kafka side: ownership, transactions, state, replies.
 *
 * @param <S> the aggregate's state, as stored on its compacted state topic
 * @param <C> its commands
 * @param <R> the answers to its commands
 */
public interface AggregateLogic<S, C, R extends CommandReply> {

    /** The record type of the state topic (its topic is the state topic). */
    MessageType stateType();

    /** The record type of the answers (its topic is the results topic); null when nobody waits for answers. */
    MessageType resultType();

    /** The base name of the command topic, where {@link CommandSender} sends. */
    String commandTopic();

    /** Every topic whose records are commands for this aggregate, keyed by its id; by default the command topic. */
    default List<String> commandTopics() {
        return List.of(commandTopic());
    }

    Class<C> commandClass();

    String id(S state);

    long version(S state);

    String aggregateId(C command);

    String commandId(C command);

    Decision<S> decide(S current, C command, Instant now);

    /** The answer to {@code command}; {@code current} is the state before it. Ignored without a result type. */
    R result(C command, Decision<S> decision, S current);

    /** The record key of a message published with a change (the id of the aggregate it is about). */
    String key(Object message);

    /**
     * Commands this aggregate issues to itself because time passed (a heartbeat that stopped, say). Asked only of
     * aggregates this instance owns, when {@link #nextDue} has come; none by default.
     */
    default List<C> due(S state, Instant now) {
        return List.of();
    }

    /** The earliest time at which {@link #due} may have something for this state; null when never. */
    default Instant nextDue(S state) {
        return null;
    }
}
