package io.switchboard.aggregate;

import io.switchboard.events.command.RejectionReason;

import java.util.List;

/** What an aggregate's logic decided about one command. */
public sealed interface Decision<S> {

    /**
     * The aggregate changed to {@code state}; {@code messages} are what to publish with it, in order: its events,
     * and commands for other aggregates (each goes to its {@link io.switchboard.events.MessageType}'s topic).
     */
    record Applied<S>(S state, List<Object> messages) implements Decision<S> {
    }

    /** Nothing to do: the command asks for what the aggregate already is. */
    record Unchanged<S>(S state) implements Decision<S> {
    }

    /** Refused; the aggregate stays as it was. {@code field} names the offending input, when there is one. */
    record Rejected<S>(RejectionReason reason, String message, String field) implements Decision<S> {
    }
}
