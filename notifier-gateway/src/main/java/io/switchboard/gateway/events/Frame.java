package io.switchboard.gateway.events;

import io.switchboard.events.serde.MessageCodec;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * One live event as clients get it, over WebSocket and Server-Sent Events alike: {@code event} is the seed's event
 * name ({@code task:assigned}), {@code data} the seed's payload (the event record: {@code {task, agent, ...}}),
 * {@code id} where it sits in Kafka (topic, partition, offset). {@link #json()} is the frame as written to clients.
 *
 * <p>The payload is read from its record only when a client first needs it, and the JSON written once however many
 * clients get it: a gateway reads every public event, and with nobody connected (or every client filtering by event
 * name) most of them are never looked into. That was most of the gateway's CPU under load.
 */
public final class Frame {

    private static final Object UNREADABLE = new Object();

    private final String event;
    private final Instant time;
    private final String id;
    private Supplier<Object> reader;
    private Object data;
    private String json;

    private Frame(String event, Supplier<Object> reader, Instant time, String id) {
        this.event = event;
        this.reader = reader;
        this.time = time;
        this.id = id;
    }

    public static Frame of(String event, Object data, Instant time, String id) {
        return new Frame(event, () -> data, time, id);
    }

    /** A frame whose payload {@code reader} decodes on first use; a reader that throws makes it unreadable. */
    public static Frame lazy(String event, Supplier<Object> reader, Instant time, String id) {
        return new Frame(event, reader, time, id);
    }

    public String event() {
        return event;
    }

    public Instant time() {
        return time;
    }

    public String id() {
        return id;
    }

    /** The payload; null when its record cannot be read. */
    public Object data() {
        Object read = read();
        return read == UNREADABLE ? null : read;
    }

    /** False for a record that cannot be decoded: clients never get it. */
    public boolean readable() {
        return read() != UNREADABLE;
    }

    public synchronized String json() {
        if (json == null) {
            json = MessageCodec.jsonMapper().writeValueAsString(new Wire(event, data(), time, id));
        }
        return json;
    }

    private synchronized Object read() {
        if (reader != null) {
            try {
                data = reader.get();
            } catch (RuntimeException e) {
                data = UNREADABLE;
            }
            reader = null;
        }
        return data;
    }

    @Override
    public String toString() {
        return "Frame[" + event + " " + id + "]";
    }

    /** The frame's JSON shape. */
    private record Wire(String event, Object data, Instant time, String id) {
    }
}
