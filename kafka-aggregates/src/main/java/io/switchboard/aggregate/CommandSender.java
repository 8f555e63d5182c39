package io.switchboard.aggregate;

import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a command to the partition of its aggregate and completes when the owner of that partition has applied
 * (or refused) it and the change is committed.
 */
public final class CommandSender<C, R extends CommandReply> implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final PendingCommands<R> pending;
    private final MessageCodec codec;
    private final AggregateLogic<?, C, R> logic;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;

    CommandSender(KafkaClients clients, PendingCommands<R> pending, MessageCodec codec, AggregateLogic<?, C, R> logic,
                  Duration timeout, Clock clock) {
        this.producer = clients.commandProducer();
        this.pending = pending;
        this.codec = codec;
        this.logic = logic;
        this.topic = clients.topics().name(logic.commandTopic());
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Sends the command and completes with its result; with a TimeoutException if none came in time. */
    public CompletableFuture<R> send(C command) {
        String commandId = logic.commandId(command);
        CompletableFuture<R> result = pending.register(commandId, timeout);
        Headers headers = new RecordHeaders();
        codec.writeHeaders(headers, command, clock.instant());
        producer.send(new ProducerRecord<>(topic, null, logic.aggregateId(command), codec.encode(command), headers),
                (metadata, error) -> {
                    if (error != null) {
                        pending.fail(commandId, error);
                    }
                });
        return result;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
