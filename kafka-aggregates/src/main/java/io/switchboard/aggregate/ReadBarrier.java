package io.switchboard.aggregate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Read-your-writes across instances: before a read, ask the broker how far the state topic is committed (its
 * last stable offset per partition) and wait until this instance's {@link AggregateStore} has read that far. A write
 * is answered only after its transaction committed, so whatever was answered before the read began is seen.
 */
public final class ReadBarrier {

    private final Admin admin;
    private final AggregateStore<?> store;
    private final String topic;
    private volatile Map<TopicPartition, OffsetSpec> request;

    ReadBarrier(Admin admin, AggregateStore<?> store, String topic) {
        this.admin = admin;
        this.store = store;
        this.topic = topic;
    }

    /** Waits until the store holds every committed state; false if it could not within {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        Map<TopicPartition, OffsetSpec> partitions = request(timeout);
        if (partitions == null) {
            return false;
        }
        Map<Integer, Long> committed;
        try {
            committed = admin.listOffsets(partitions, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        return store.awaitReached(committed, left.isNegative() ? Duration.ZERO : left);
    }

    private Map<TopicPartition, OffsetSpec> request(Duration timeout) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> known = request;
        if (known == null) {
            try {
                known = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            } catch (ExecutionException | TimeoutException e) {
                return null;
            }
            request = known;
        }
        return known;
    }
}
