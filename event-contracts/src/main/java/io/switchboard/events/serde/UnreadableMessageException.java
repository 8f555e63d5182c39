package io.switchboard.events.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that cannot be turned into a Switchboard message: no or unknown {@code ce_type}, or a payload that is
 * not valid JSON for that type. Consumers send such records to the dead-letter topic and go on.
 */
public class UnreadableMessageException extends SerializationException {

    public UnreadableMessageException(String message) {
        super(message);
    }

    public UnreadableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
