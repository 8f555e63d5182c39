package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds the records the runtime's loops write: the payload encoded, the CloudEvents headers, the topic of its type,
 * and a size check before anything is sent, so that a change too large to write fails before any part of it is.
 */
public final class MessageRecords {

    /** Below Kafka's default 1 MB record limit, with room for headers. */
    static final int MAX_RECORD_BYTES = 900_000;
    /**
     * Marks a command nobody waits an answer for (one service's internal command to another, a timer's): the
     * processor that applies it writes no command result for it. Commands without it (the REST adapters', an outside
     * producer's) are answered as before.
     */
    public static final String NO_REPLY_HEADER = "switchboard-no-reply";
    private static final byte[] YES = "true".getBytes(StandardCharsets.UTF_8);
    /**
     * The version of the aggregate in a state record: a reader that already has that version (the instance that wrote
     * it, which kept it when it committed) skips the record without decoding it.
     */
    public static final String STATE_VERSION_HEADER = "switchboard-version";

    private final MessageCodec codec;
    private final Topics topics;

    public MessageRecords(MessageCodec codec, Topics topics) {
        this.codec = codec;
        this.topics = topics;
    }

    /** {@code payload} on its type's topic under {@code key}. */
    public ProducerRecord<String, byte[]> of(MessageType type, String key, Object payload, Instant now) {
        return to(topics.of(type), key, payload, now);
    }

    /**
     * A message one service publishes for others: a command for an aggregate (its type's topic is a command topic)
     * is marked as needing no command result, since nobody waits for one; anything else is as {@link #of}.
     */
    public ProducerRecord<String, byte[]> published(MessageType type, String key, Object payload, Instant now) {
        ProducerRecord<String, byte[]> record = of(type, key, payload, now);
        return Topics.COMMANDS.contains(type.topic()) ? withoutReply(record) : record;
    }

    /** {@code record}, marked as needing no command result. */
    public static ProducerRecord<String, byte[]> withoutReply(ProducerRecord<String, byte[]> record) {
        record.headers().add(NO_REPLY_HEADER, YES);
        return record;
    }

    /** {@code payload} on {@code topic} (its full name) under {@code key}. */
    public ProducerRecord<String, byte[]> to(String topic, String key, Object payload, Instant now) {
        Headers headers = new RecordHeaders();
        codec.writeHeaders(headers, payload, now);
        byte[] value = codec.encode(payload);
        if (value.length > MAX_RECORD_BYTES) {
            throw new IllegalStateException(MessageType.of(payload).ceType() + " for '" + key + "' would be "
                    + value.length + " bytes, more than " + MAX_RECORD_BYTES);
        }
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    /** An aggregate's state at {@code version} on its state topic, the version in a header. */
    public ProducerRecord<String, byte[]> state(MessageType type, String key, Object state, long version, Instant now) {
        ProducerRecord<String, byte[]> record = of(type, key, state, now);
        record.headers().add(STATE_VERSION_HEADER, Long.toString(version).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** The version a state record's header gives; -1 when it has none (written by hand, or by an older release). */
    public static long stateVersion(Headers headers) {
        String version = MessageCodec.header(headers, STATE_VERSION_HEADER);
        try {
            return version == null ? -1 : Long.parseLong(version);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The tombstone of {@code key} on its type's topic: the aggregate is gone, compaction then drops its records. */
    public ProducerRecord<String, byte[]> tombstone(MessageType type, String key, Instant now) {
        return new ProducerRecord<>(topics.of(type), null, now.toEpochMilli(), key, (byte[]) null);
    }

    /** Whether the command in a record with these headers wants a command result. */
    public static boolean wantsReply(Headers headers) {
        return headers.lastHeader(NO_REPLY_HEADER) == null;
    }
}
