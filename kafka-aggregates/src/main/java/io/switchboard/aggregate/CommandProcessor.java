package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
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
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the commands of the command-topic partitions this instance owns. Each polled batch is one Kafka
 * transaction: the new states (to the compacted state topic), the events and other messages, the command results,
 * any dead letters and the consumer offsets commit together or not at all. So a command is applied exactly once,
 * even across crashes and rebalances, and nobody hears of a change that did not happen. Between polls, commands
 * that owned aggregates issue to themselves as time passes ({@link AggregateLogic#due}) are applied the same way.
 */
final class CommandProcessor<S, C, R extends CommandReply> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
    static final String DLT_TOPIC = "kafka_dlt-original-topic";
    static final String DLT_PARTITION = "kafka_dlt-original-partition";
    static final String DLT_OFFSET = "kafka_dlt-original-offset";
    static final String DLT_EXCEPTION = "kafka_dlt-exception-fqcn";
    static final String DLT_MESSAGE = "kafka_dlt-exception-message";
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

    private final KafkaClients clients;
    private final AggregateStore<S> store;
    private final AggregateLogic<S, C, R> logic;
    private final MessageCodec codec;
    private final ReadBarrier barrier;
    private final Clock clock;
    private final Duration catchUpTimeout;
    private final Duration tick;
    private final List<String> commandTopics;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private Instant lastTick = Instant.EPOCH;

    CommandProcessor(KafkaClients clients, AggregateStore<S> store, AggregateLogic<S, C, R> logic,
                     MessageCodec codec, ReadBarrier barrier, Clock clock, Duration catchUpTimeout, Duration tick) {
        this.clients = clients;
        this.store = store;
        this.logic = logic;
        this.codec = codec;
        this.barrier = barrier;
        this.clock = clock;
        this.catchUpTimeout = catchUpTimeout;
        this.tick = tick;
        this.commandTopics = logic.commandTopics().stream().map(clients.topics()::name).toList();
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> commands = clients.commandConsumer();
                 KafkaProducer<String, byte[]> producer = clients.transactionalProducer()) {
                consumer = commands;
                producer.initTransactions();
                commands.subscribe(commandTopics, new CatchUpOnAssignment(commands));
                int partitions = commands.partitionsFor(commandTopics.get(0)).size();
                while (running) {
                    ConsumerRecords<String, byte[]> batch = commands.poll(Duration.ofMillis(100));
                    if (!batch.isEmpty()) {
                        process(batch, commands, producer);
                    }
                    tickIfDue(commands, producer, partitions);
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
        Map<String, S> changed = new HashMap<>();
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

    private void handle(ConsumerRecord<String, byte[]> record, Map<String, S> changed,
                        KafkaProducer<String, byte[]> producer) {
        C command;
        try {
            Object message = codec.decode(record.headers(), record.value());
            if (!logic.commandClass().isInstance(message)) {
                throw new IllegalArgumentException("Not a command of this topic: " + MessageType.of(message).ceType());
            }
            command = logic.commandClass().cast(message);
            String id = logic.aggregateId(command);
            if (!id.equals(record.key())) {
                // The key decides which instance owns the aggregate; a command under another key would bypass it.
                throw new IllegalArgumentException("Record key '" + record.key() + "' is not the id '" + id + "'");
            }
        } catch (RuntimeException e) {
            deadLetter(record, e, producer);
            return;
        }
        try {
            R result = apply(command, changed, producer);
            if (logic.resultType() != null) {
                send(producer, logic.resultType(), logic.commandId(command), result, clock.instant());
            }
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Command {} could not be applied", logic.commandId(command), e);
            deadLetter(record, e, producer);
        }
    }

    /** Decides one command and publishes its change; answers its result. */
    private R apply(C command, Map<String, S> changed, KafkaProducer<String, byte[]> producer) {
        String id = logic.aggregateId(command);
        Instant now = clock.instant();
        S current = changed.containsKey(id) ? changed.get(id) : store.get(id).orElse(null);
        Decision<S> decision = logic.decide(current, command, now);
        if (decision instanceof Decision.Applied<S> applied) {
            changed.put(id, applied.state());
            send(producer, logic.stateType(), id, applied.state(), now);
            for (Object message : applied.messages()) {
                send(producer, MessageType.of(message), logic.key(message), message, now);
            }
        }
        return logic.result(command, decision, current);
    }

    private void tickIfDue(KafkaConsumer<String, byte[]> commands, KafkaProducer<String, byte[]> producer,
                           int partitions) {
        Instant now = clock.instant();
        if (tick.isZero() || now.isBefore(lastTick.plus(tick))) {
            return;
        }
        lastTick = now;
        Set<Integer> owned = commands.assignment().stream().map(TopicPartition::partition)
                .collect(Collectors.toSet());
        List<C> due = new ArrayList<>();
        for (S state : store.all()) {
            if (owned.contains(partitionOf(logic.id(state), partitions))) {
                due.addAll(logic.due(state, now));
            }
        }
        if (due.isEmpty()) {
            return;
        }
        Map<String, S> changed = new HashMap<>();
        producer.beginTransaction();
        try {
            for (C command : due) {
                apply(command, changed, producer);
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly(producer);
            throw e;
        }
        changed.values().forEach(store::offer);
    }

    /** The partition Kafka's default partitioner gives a record with this key. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
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

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> commands = consumer;
        if (commands != null) {
            commands.wakeup();
        }
    }

    /**
     * Before applying commands of newly owned partitions, make sure the previous owner's last transaction is
     * settled (reading the committed position waits for pending offset commits) and that the store has read
     * every committed state: otherwise a command could be applied to an old version of its aggregate.
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
                    throw new IllegalStateException("State not caught up within " + catchUpTimeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while catching up", e);
            }
            log.info("Instance {} owns {}", clients.instanceId(),
                    partitions.stream().map(TopicPartition::toString).sorted().toList());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Every batch is committed before the next poll, so there is nothing in flight to hand over.
        }
    }
}
