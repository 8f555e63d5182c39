package io.switchboard.aggregate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Read-your-writes across instances: before a read, ask the broker how far the state topic is committed (its
 * last stable offset per partition) and wait until this instance's {@link AggregateStore} has read that far. A write
 * is answered only after its transaction committed, so whatever was answered before the read began is seen.
 * <p>
 * Concurrent reads share one offsets request: a read joins the next request, never the one in flight (which may
 * have been answered before the read's write committed), and the next is sent as soon as the one in flight is
 * answered. So a busy instance pays about one broker round trip per round trip, not one per read, and no thread
 * waits: {@link #ready} completes from the admin client's and the store reader's threads.
 */
public final class ReadBarrier {

    private final Admin admin;
    private final AggregateStore<?> store;
    private final String topic;
    private final Object rounds = new Object();
    private volatile Map<TopicPartition, OffsetSpec> request;
    /** The offsets request the next reads join; sent once the one in flight is answered. Guarded by rounds. */
    private CompletableFuture<Map<Integer, Long>> next;
    private boolean inFlight;

    ReadBarrier(Admin admin, AggregateStore<?> store, String topic) {
        this.admin = admin;
        this.store = store;
        this.topic = topic;
    }

    /** Completes with true once the store holds every committed state, false if it could not within timeout. */
    public CompletableFuture<Boolean> ready(Duration timeout) {
        long started = System.nanoTime();
        return committed(timeout).thenCompose(offsets -> {
            Duration left = timeout.minusNanos(System.nanoTime() - started);
            return store.whenReached(offsets, left.isNegative() ? Duration.ZERO : left);
        }).completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> false);
    }

    /** Waits until the store holds every committed state; false if it could not within {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            return ready(timeout).get();
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** The committed end of every partition, from an offsets request sent after this call. */
    private CompletableFuture<Map<Integer, Long>> committed(Duration timeout) {
        CompletableFuture<Map<Integer, Long>> round;
        boolean send;
        synchronized (rounds) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            round = next;
            send = !inFlight;
            if (send) {
                inFlight = true;
                next = null;
            }
        }
        if (send) {
            send(round, timeout);
        }
        return round;
    }

    /** Sends one offsets request; it gives up after the timeout of the read that sent it, so none hangs a round. */
    private void send(CompletableFuture<Map<Integer, Long>> round, Duration timeout) {
        partitions().thenCompose(partitions -> admin.listOffsets(partitions,
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs((int) timeout.toMillis()))
                        .all().toCompletionStage())
                .whenComplete((offsets, error) -> {
                    if (error == null) {
                        round.complete(offsets.entrySet().stream()
                                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset())));
                    } else {
                        round.completeExceptionally(error);
                    }
                    CompletableFuture<Map<Integer, Long>> following;
                    synchronized (rounds) {
                        following = next;
                        next = null;
                        inFlight = following != null;
                    }
                    if (following != null) {
                        send(following, timeout);
                    }
                });
    }

    private CompletableFuture<Map<TopicPartition, OffsetSpec>> partitions() {
        Map<TopicPartition, OffsetSpec> known = request;
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return admin.describeTopics(List.of(topic)).allTopicNames().toCompletionStage().toCompletableFuture()
                .thenApply(topics -> {
                    Map<TopicPartition, OffsetSpec> found = topics.get(topic).partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
                    request = found;
                    return found;
                });
    }
}
