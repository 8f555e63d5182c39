package io.switchboard.aggregate;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * A consumer's lag (records between its position and the end of its partitions; the last stable offset for a
 * read_committed consumer), measured on the consumer's own thread at most every {@link #EVERY}: one ListOffsets
 * request then, nothing on the other polls.
 */
final class Lag {

    static final Duration EVERY = Duration.ofSeconds(2);

    private long measuredAt = System.nanoTime() - EVERY.toNanos();
    private volatile long lag = -1;

    /** Measures again when due; failures leave the lag unknown rather than stop the consumer. */
    void measure(KafkaConsumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        long now = System.nanoTime();
        if (now - measuredAt < EVERY.toNanos()) {
            return;
        }
        measuredAt = now;
        if (partitions.isEmpty()) {
            lag = 0;
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(1));
            long total = 0;
            for (TopicPartition partition : partitions) {
                Long end = ends.get(partition);
                if (end == null) {
                    lag = -1;
                    return;
                }
                total += Math.max(0, end - consumer.position(partition));
            }
            lag = total;
        } catch (RuntimeException e) {
            if (e instanceof WakeupException) {
                throw e;
            }
            lag = -1;
        }
    }

    long get() {
        return lag;
    }
}
