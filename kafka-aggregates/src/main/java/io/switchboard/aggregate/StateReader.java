package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.serde.UnreadableMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a whole compacted state topic, committed records only, into an {@link AggregateStore}, and keeps
 * following it. Every instance runs one, so every instance can answer every read.
 */
final class StateReader<S> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StateReader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaClients clients;
    private final AggregateStore<S> store;
    private final MessageCodec codec;
    private final MessageType stateType;
    private final Function<byte[], S> read;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private final Lag lag = new Lag();

    StateReader(KafkaClients clients, AggregateStore<S> store, MessageCodec codec, MessageType stateType) {
        this(clients, store, codec, stateType, value -> codec.decode(stateType, value));
    }

    /** With {@code read} turning a record's value into the state kept (a slimmer read model, say). */
    StateReader(KafkaClients clients, AggregateStore<S> store, MessageCodec codec, MessageType stateType,
                Function<byte[], S> read) {
        this.clients = clients;
        this.store = store;
        this.codec = codec;
        this.stateType = stateType;
        this.read = read;
    }

    @Override
    public void run() {
        String topic = clients.topics().of(stateType);
        try (KafkaConsumer<String, byte[]> reader = clients.committedReader("state-" + stateType.topic())) {
            consumer = reader;
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    apply(record);
                }
                for (TopicPartition partition : partitions) {
                    store.advance(partition.partition(), reader.position(partition));
                }
                lag.measure(reader, partitions);
                store.recordLag(lag.get());
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("{} reader stopped", topic, e);
            throw e;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            // A tombstone: the aggregate left the system, and no older record of it comes after this one.
            store.forget(record.key());
            return;
        }
        long version = MessageRecords.stateVersion(record.headers());
        if (version >= 0 && store.has(record.key(), version)) {
            return; // this instance wrote it (and kept it when it committed), or a newer one is here already
        }
        try {
            S state = read.apply(record.value());
            store.offer(state);
        } catch (UnreadableMessageException e) {
            // Only the owner writes this topic, so this is a bug; skipping it keeps every other aggregate readable.
            log.error("Skipping unreadable state record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
    }
}
