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

    /**
     * The aggregate leaves the system (its retention ran out, say): its state topic gets a tombstone, so every store
     * forgets it and compaction removes it from the topic; {@code last} is its state until now, {@code messages} are
     * what to publish with its going (as for {@link Applied}).
     */
    record Removed<S>(S last, List<Object> messages) implements Decision<S> {
    }

    /** Nothing to do: the command asks for what the aggregate already is. */
    record Unchanged<S>(S state) implements Decision<S> {
    }

    /** Refused; the aggregate stays as it was. {@code field} names the offending input, when there is one. */
    record Rejected<S>(RejectionReason reason, String message, String field) implements Decision<S> {
    }
}
