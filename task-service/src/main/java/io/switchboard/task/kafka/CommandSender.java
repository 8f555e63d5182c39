package io.switchboard.task.kafka;

import io.switchboard.events.MessageType;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a command to the partition of its task on {@code task.commands} and completes when the owner of that
 * partition has applied (or refused) it and the change is committed.
 */
public final class CommandSender implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final PendingCommands pending;
    private final MessageCodec codec;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;

    public CommandSender(KafkaClients clients, PendingCommands pending, MessageCodec codec, Duration timeout,
                         Clock clock) {
        this.producer = clients.commandProducer();
        this.pending = pending;
        this.codec = codec;
        this.topic = clients.topics().name(MessageType.CREATE_TASK.topic());
        this.timeout = timeout;
        this.clock = clock;
    }

    public CompletableFuture<CommandResult> send(TaskCommand command) {
        CompletableFuture<CommandResult> result = pending.register(command.meta().commandId(), timeout);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, command.taskId(), null);
        codec.writeHeaders(record.headers(), command, clock.instant());
        record = new ProducerRecord<>(topic, null, command.taskId(), codec.encode(command), record.headers());
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                pending.fail(command.meta().commandId(), error);
            }
        });
        return result;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
