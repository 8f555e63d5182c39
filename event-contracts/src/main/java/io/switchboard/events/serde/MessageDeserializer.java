package io.switchboard.events.serde;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for any Switchboard message, chosen by the {@code ce_type} header. Throws
 * {@link UnreadableMessageException} for an unknown type or broken JSON; a tombstone reads as null.
 */
public class MessageDeserializer implements Deserializer<Object> {

    private final MessageCodec codec = new MessageCodec("/switchboard");

    @Override
    public Object deserialize(String topic, byte[] data) {
        throw new UnreadableMessageException("Switchboard records need their headers to be read");
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return data == null ? null : codec.decode(headers, data);
    }
}
