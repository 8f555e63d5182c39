package io.switchboard.gateway.events;

import java.time.Instant;

/**
 * One live event as clients get it, over WebSocket and Server-Sent Events alike: {@code event} is the seed's event
 * name ({@code task:assigned}), {@code data} the seed's payload (the event record: {@code {task, agent, ...}}),
 * {@code id} where it sits in Kafka (topic, partition, offset).
 */
public record Frame(String event, Object data, Instant time, String id) {
}
