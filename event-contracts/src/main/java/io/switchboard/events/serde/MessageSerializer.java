package io.switchboard.events.serde;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.time.Instant;
import java.util.Map;

/**
 * Kafka value serializer for any Switchboard message; adds the CloudEvents headers. Its source is the
 * {@code switchboard.source} client property.
 */
public class MessageSerializer implements Serializer<Object> {

    public static final String SOURCE_CONFIG = "switchboard.source";

    private MessageCodec codec = new MessageCodec("/switchboard");

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object source = configs.get(SOURCE_CONFIG);
        if (source != null) {
            codec = new MessageCodec(source.toString());
        }
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : codec.encode(data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null) {
            return null;
        }
        codec.writeHeaders(headers, data, Instant.now());
        return codec.encode(data);
    }
}
