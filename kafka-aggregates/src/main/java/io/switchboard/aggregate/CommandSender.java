package io.switchboard.aggregate;

import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sends a command (or request) keyed by what it is for, and completes with its answer: for an aggregate, once the
 * owner of its partition has applied (or refused) it and the change is committed.
 */
public final class CommandSender<C, R extends CommandReply> implements AutoCloseable {

    /** The MDC key of the id of the HTTP request being served (set by the services' request-id filter). */
    public static final String MDC_REQUEST_ID = "requestId";
    /** The record header that carries the request id with a command, so the owner's logs name it too. */
    public static final String REQUEST_ID_HEADER = "switchboard_request_id";
    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);

    private final KafkaProducer<String, byte[]> producer;
    private final PendingCommands<R> pending;
    private final MessageCodec codec;
    private final Function<C, String> commandId;
    private final Function<C, String> key;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;

    CommandSender(KafkaClients clients, PendingCommands<R> pending, MessageCodec codec, String topicBaseName,
                  Function<C, String> commandId, Function<C, String> key, Duration timeout, Clock clock) {
        this.producer = clients.commandProducer();
        this.pending = pending;
        this.codec = codec;
        this.commandId = commandId;
        this.key = key;
        this.topic = clients.topics().name(topicBaseName);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Sends the command and completes with its result; with a TimeoutException if none came in time. */
    public CompletableFuture<R> send(C command) {
        String id = commandId.apply(command);
        CompletableFuture<R> result = pending.register(id, timeout);
        Headers headers = new RecordHeaders();
        codec.writeHeaders(headers, command, clock.instant());
        String requestId = MDC.get(MDC_REQUEST_ID);
        if (requestId != null) {
            headers.add(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        log.debug("Sending command {} to {}", id, topic);
        producer.send(new ProducerRecord<>(topic, null, key.apply(command), codec.encode(command), headers),
                (metadata, error) -> {
                    if (error != null) {
                        pending.fail(id, error);
                    }
                });
        return result;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
