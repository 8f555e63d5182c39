package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.command.CommandReply;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows the results topic from its end and hands each result to the call waiting for it. Results are read
 * committed, so a call is answered only once its change is durable. Records are keyed by command id, so results
 * meant for other instances are skipped without being decoded.
 */
final class ResultListener<R extends CommandReply> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ResultListener.class);

    private final KafkaClients clients;
    private final PendingCommands<R> pending;
    private final MessageCodec codec;
    private final MessageType resultType;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    ResultListener(KafkaClients clients, PendingCommands<R> pending, MessageCodec codec, MessageType resultType) {
        this.clients = clients;
        this.pending = pending;
        this.codec = codec;
        this.resultType = resultType;
    }

    @Override
    public void run() {
        String topic = clients.topics().of(resultType);
        try (KafkaConsumer<String, byte[]> reader = clients.committedReader("results")) {
            consumer = reader;
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            reader.assign(partitions);
            reader.seekToEnd(partitions);
            // Resolve the end offsets now: a result written after this point must not be skipped.
            partitions.forEach(reader::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    if (pending.isWaitingFor(record.key())) {
                        deliver(record);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("{} listener stopped", topic, e);
            throw e;
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        try {
            R result = codec.decode(resultType, record.value());
            pending.complete(result);
        } catch (UnreadableMessageException e) {
            pending.fail(record.key(), e);
        }
    }

    /** Blocks until the listener reads from the current end, so no result of a command sent after is missed. */
    boolean awaitPositioned(Duration timeout) throws InterruptedException {
        return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
    }
}
