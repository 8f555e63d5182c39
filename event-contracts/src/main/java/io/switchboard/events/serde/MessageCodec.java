package io.switchboard.events.serde;

import io.switchboard.events.MessageType;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * JSON payloads with CloudEvents binary-mode headers. The {@code ce_type} header says which record the value
 * holds, so one topic may carry several types (the command topic does) and any language can route by header.
 * Unknown JSON properties are ignored and missing numbers and flags read as 0 and false, so that consumers and
 * producers of different versions keep reading each other; commands check their own required fields.
 */
public final class MessageCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final String source;

    /** @param source the {@code ce_source} of records this codec writes, e.g. {@code /switchboard/task-service} */
    public MessageCodec(String source) {
        this.source = source;
    }

    /** The JSON mapper every Switchboard payload is written with: ISO-8601 times and durations. */
    public static JsonMapper jsonMapper() {
        return MAPPER;
    }

    public byte[] encode(Object payload) {
        return MAPPER.writeValueAsBytes(payload);
    }

    /** Adds the CloudEvents headers for {@code payload} unless the record already has a type. */
    public void writeHeaders(Headers headers, Object payload, Instant time) {
        if (headers.lastHeader(CloudEventHeaders.TYPE) != null) {
            return;
        }
        MessageType type = MessageType.of(payload);
        put(headers, CloudEventHeaders.ID, UUID.randomUUID().toString());
        put(headers, CloudEventHeaders.TYPE, type.ceType());
        put(headers, CloudEventHeaders.SOURCE, source);
        put(headers, CloudEventHeaders.TIME, time.toString());
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }

    /** Reads a record's value by its {@code ce_type} header. */
    public Object decode(Headers headers, byte[] value) {
        return decode(header(headers, CloudEventHeaders.TYPE), value);
    }

    public Object decode(String ceType, byte[] value) {
        if (ceType == null || ceType.isBlank()) {
            throw new UnreadableMessageException("Record has no " + CloudEventHeaders.TYPE + " header");
        }
        MessageType type = MessageType.ofCeType(ceType)
                .orElseThrow(() -> new UnreadableMessageException("Unknown message type '" + ceType + "'"));
        return decode(type, value);
    }

    public <T> T decode(MessageType type, byte[] value) {
        @SuppressWarnings("unchecked")
        T typed = (T) decodeAs(type, value, type.payloadClass());
        return typed;
    }

    /**
     * Reads a record of {@code type} into {@code shape}, a record with some of the payload's properties: the others
     * are skipped without being built (a reader that needs a task but not its history, say).
     */
    public <T> T decodeAs(MessageType type, byte[] value, Class<T> shape) {
        if (value == null || value.length == 0) {
            throw new UnreadableMessageException("Record of type '" + type.ceType() + "' has no value");
        }
        try {
            T payload = MAPPER.readValue(value, shape);
            if (payload == null) {
                throw new UnreadableMessageException("Record of type '" + type.ceType() + "' holds JSON null");
            }
            return payload;
        } catch (JacksonException e) {
            throw new UnreadableMessageException(
                    "Malformed " + type.ceType() + " payload: " + firstLine(e.getOriginalMessage()), e);
        } catch (RuntimeException e) {
            // A record's compact constructor refused a value (a missing id, say).
            throw new UnreadableMessageException("Invalid " + type.ceType() + " payload: " + e.getMessage(), e);
        }
    }

    public static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
