package io.switchboard.task.kafka;

import io.switchboard.events.MessageType;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskState;
import io.switchboard.task.lifecycle.Decision;
import io.switchboard.task.lifecycle.TaskLifecycle;
import io.switchboard.task.store.TaskStore;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the commands of the {@code task.commands} partitions this instance owns. Each polled batch is one Kafka
 * transaction: the new task states (to the compacted {@code task.state}), the lifecycle events, the command
 * results, any dead letters and the consumer offsets commit together or not at all. So a command is applied
 * exactly once, even across crashes and rebalances, and nobody hears of a change that did not happen.
 */
public final class CommandProcessor implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
    static final String DLT_TOPIC = "kafka_dlt-original-topic";
    static final String DLT_PARTITION = "kafka_dlt-original-partition";
    static final String DLT_OFFSET = "kafka_dlt-original-offset";
    static final String DLT_EXCEPTION = "kafka_dlt-exception-fqcn";
    static final String DLT_MESSAGE = "kafka_dlt-exception-message";

    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

    private final KafkaClients clients;
    private final TaskStore store;
    private final TaskLifecycle lifecycle;
    private final MessageCodec codec;
    private final ReadBarrier barrier;
    private final Clock clock;
    private final Duration catchUpTimeout;
    private final String commandTopic;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    public CommandProcessor(KafkaClients clients, TaskStore store, TaskLifecycle lifecycle, MessageCodec codec,
                            ReadBarrier barrier, Clock clock, Duration catchUpTimeout) {
        this.clients = clients;
        this.store = store;
        this.lifecycle = lifecycle;
        this.codec = codec;
        this.barrier = barrier;
        this.clock = clock;
        this.catchUpTimeout = catchUpTimeout;
        this.commandTopic = clients.topics().name(MessageType.CREATE_TASK.topic());
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> commands = clients.commandConsumer();
                 KafkaProducer<String, byte[]> producer = clients.transactionalProducer()) {
                consumer = commands;
                producer.initTransactions();
                commands.subscribe(List.of(commandTopic), new CatchUpOnAssignment(commands));
                while (running) {
                    ConsumerRecords<String, byte[]> batch = commands.poll(Duration.ofMillis(100));
                    if (!batch.isEmpty()) {
                        process(batch, commands, producer);
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    log.warn("Command processor woken up unexpectedly; starting over");
                }
            } catch (KafkaException | IllegalStateException e) {
                // Fenced, or the group moved on: start over with fresh clients. Uncommitted work is re-read.
                log.warn("Command processor restarting after: {}", e.toString());
                pause(RESTART_BACKOFF);
            }
        }
    }

    private void process(ConsumerRecords<String, byte[]> batch, KafkaConsumer<String, byte[]> commands,
                         KafkaProducer<String, byte[]> producer) {
        Map<String, TaskState> changed = new HashMap<>();
        producer.beginTransaction();
        try {
            for (ConsumerRecord<String, byte[]> record : batch) {
                handle(record, changed, producer);
            }
            producer.sendOffsetsToTransaction(nextOffsets(batch), commands.groupMetadata());
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly(producer);
            throw e;
        }
        // Committed: this instance now knows these versions before its reader sees them.
        changed.values().forEach(store::offer);
    }

    private void handle(ConsumerRecord<String, byte[]> record, Map<String, TaskState> changed,
                        KafkaProducer<String, byte[]> producer) {
        TaskCommand command;
        try {
            Object message = codec.decode(record.headers(), record.value());
            if (!(message instanceof TaskCommand taskCommand)) {
                throw new IllegalArgumentException("Not a task command: " + MessageType.of(message).ceType());
            }
            if (!taskCommand.taskId().equals(record.key())) {
                // The key decides which instance owns the task; a command under another key would bypass it.
                throw new IllegalArgumentException("Record key '" + record.key() + "' is not the task id '"
                        + taskCommand.taskId() + "'");
            }
            command = taskCommand;
        } catch (RuntimeException e) {
            deadLetter(record, e, producer);
            return;
        }
        Instant now = clock.instant();
        TaskState current = changed.containsKey(command.taskId())
                ? changed.get(command.taskId())
                : store.get(command.taskId()).orElse(null);
        Decision decision;
        try {
            decision = lifecycle.decide(current, command, now);
        } catch (RuntimeException e) {
            log.error("Command {} could not be decided", command.meta().commandId(), e);
            deadLetter(record, e, producer);
            return;
        }
        CommandResult result;
        if (decision instanceof Decision.Applied applied) {
            result = publish(applied, command, changed, producer, now);
        } else if (decision instanceof Decision.Unchanged unchanged) {
            result = CommandResult.unchanged(command.meta(), unchanged.state().task());
        } else {
            Decision.Rejected rejected = (Decision.Rejected) decision;
            result = CommandResult.rejected(command.meta(), rejected.reason(), rejected.message(), rejected.field(),
                    current == null ? null : current.task());
        }
        send(producer, MessageType.COMMAND_RESULT, command.meta().commandId(), result, now);
    }

    private CommandResult publish(Decision.Applied applied, TaskCommand command, Map<String, TaskState> changed,
                                  KafkaProducer<String, byte[]> producer, Instant now) {
        TaskState state = applied.state();
        changed.put(command.taskId(), state);
        send(producer, MessageType.TASK_STATE, command.taskId(), state, now);
        for (TaskEvent event : applied.events()) {
            send(producer, MessageType.of(event), command.taskId(), event, now);
        }
        return CommandResult.applied(command.meta(), state.task());
    }

    private void send(KafkaProducer<String, byte[]> producer, MessageType type, String key, Object payload,
                      Instant now) {
        Headers headers = new RecordHeaders();
        codec.writeHeaders(headers, payload, now);
        producer.send(new ProducerRecord<>(clients.topics().of(type), null, key, codec.encode(payload), headers));
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Exception error,
                            KafkaProducer<String, byte[]> producer) {
        log.warn("Command record {}-{}@{} goes to the dead-letter topic: {}", record.topic(), record.partition(),
                record.offset(), error.getMessage());
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, DLT_TOPIC, record.topic());
        put(headers, DLT_PARTITION, String.valueOf(record.partition()));
        put(headers, DLT_OFFSET, String.valueOf(record.offset()));
        put(headers, DLT_EXCEPTION, error.getClass().getName());
        put(headers, DLT_MESSAGE, String.valueOf(error.getMessage()));
        producer.send(new ProducerRecord<>(clients.topics().deadLetter(record.topic()), null, record.key(),
                record.value(), headers));
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
            offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void abortQuietly(KafkaProducer<String, byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.debug("Abort failed; the producer will be replaced", e);
        }
    }

    private void pause(Duration backoff) {
        try {
            // Give the broker or the group a moment instead of spinning on a failure that repeats.
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> commands = consumer;
        if (commands != null) {
            commands.wakeup();
        }
    }

    /**
     * Before applying commands of newly owned partitions, make sure the previous owner's last transaction is
     * settled (reading the committed position waits for pending offset commits) and that the store has read
     * every committed state: otherwise a command could be applied to an old version of its task.
     */
    private final class CatchUpOnAssignment implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> commands;

        CatchUpOnAssignment(KafkaConsumer<String, byte[]> commands) {
            this.commands = commands;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            partitions.forEach(commands::position);
            try {
                if (!barrier.await(catchUpTimeout)) {
                    throw new IllegalStateException("task.state not caught up within " + catchUpTimeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while catching up", e);
            }
            log.info("Instance {} owns command partitions {}", clients.instanceId(), partitions.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Every batch is committed before the next poll, so there is nothing in flight to hand over.
        }
    }
}
