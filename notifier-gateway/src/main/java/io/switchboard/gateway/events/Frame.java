package io.switchboard.gateway.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.switchboard.events.serde.MessageCodec;

import java.time.Instant;

/**
 * One live event as clients get it, over WebSocket and Server-Sent Events alike: {@code event} is the seed's event
 * name ({@code task:assigned}), {@code data} the seed's payload (the event record: {@code {task, agent, ...}}),
 * {@code id} where it sits in Kafka (topic, partition, offset). {@code json} is the frame as written to clients,
 * made once per event however many clients get it.
 */
public record Frame(String event, Object data, Instant time, String id, @JsonIgnore String json) {

    public static Frame of(String event, Object data, Instant time, String id) {
        String json = MessageCodec.jsonMapper().writeValueAsString(new Frame(event, data, time, id, null));
        return new Frame(event, data, time, id, json);
    }
}
