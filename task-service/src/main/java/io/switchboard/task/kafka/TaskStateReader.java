package io.switchboard.task.kafka;

import io.switchboard.events.MessageType;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.serde.UnreadableMessageException;
import io.switchboard.events.task.TaskState;
import io.switchboard.task.store.TaskStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Reads the whole compacted {@code task.state} topic, committed records only, into the {@link TaskStore}, and
 * keeps following it. Every instance runs one, so every instance can answer every read.
 */
public final class TaskStateReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TaskStateReader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaClients clients;
    private final TaskStore store;
    private final MessageCodec codec;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    public TaskStateReader(KafkaClients clients, TaskStore store, MessageCodec codec) {
        this.clients = clients;
        this.store = store;
        this.codec = codec;
    }

    @Override
    public void run() {
        String topic = clients.topics().name(MessageType.TASK_STATE.topic());
        try (KafkaConsumer<String, byte[]> reader = clients.committedReader("state")) {
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
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("task.state reader stopped", e);
            throw e;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            store.offer(codec.decode(MessageType.TASK_STATE, record.value()));
        } catch (UnreadableMessageException e) {
            // Only task-service writes this topic, so this is a bug; skipping it keeps every other task readable.
            log.error("Skipping unreadable task.state record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
    }
}
