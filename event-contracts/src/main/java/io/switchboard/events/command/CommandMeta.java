package io.switchboard.events.command;

import java.time.Instant;
import java.util.Objects;

/**
 * What every command carries besides its own fields: a unique id (the reply is matched by it), the task it is
 * for (the record key), who asked, when, the version the caller last saw (optimistic concurrency; null means
 * "whatever is current"), and the instance that waits for the result (null when nobody waits, as for commands
 * written straight to Kafka).
 */
public record CommandMeta(String commandId, String taskId, String actor, Instant issuedAt, Long expectedVersion,
                          String replyTo) {

    public CommandMeta {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(taskId, "taskId");
        if (taskId.isBlank()) {
            throw new IllegalArgumentException("taskId must not be blank");
        }
    }
}
