package io.switchboard.gateway.delegation;

import io.switchboard.aggregate.StateView;
import io.switchboard.events.a2a.A2aDispatch;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The tasks sent to A2A agents, from the compacted {@code a2a.dispatches} topic that every gateway instance reads
 * whole: what the dispatcher follows, and what {@code GET /api/a2a/tasks/{id}} answers.
 */
final class Dispatches {

    private final StateView<A2aDispatch> view;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final Duration timeout;

    /**
     * The tasks whose dispatch may still need something done: every dispatch written or read is one, until the
     * follower settles it. Kept so that the follower's loop walks the dispatches in flight, not all the kept ones.
     */
    private final Set<String> unsettled = ConcurrentHashMap.newKeySet();

    Dispatches(StateView<A2aDispatch> view, Producer<String, byte[]> producer, Clock clock, Duration timeout) {
        this.view = view;
        this.producer = producer;
        this.clock = clock;
        this.timeout = timeout;
        view.store().watch(dispatch -> unsettled.add(dispatch.taskId()));
        view.store().onRemoval(unsettled::remove);
        view.store().all().forEach(dispatch -> unsettled.add(dispatch.taskId()));
    }

    Optional<A2aDispatch> get(String taskId) {
        return view.store().get(taskId);
    }

    /** The dispatches not settled yet. */
    List<A2aDispatch> unsettled() {
        return unsettled.stream().map(this::get).flatMap(Optional::stream).toList();
    }

    /**
     * Nothing is left to do for this dispatch: done at the agent, and its task ended or gone from the agent. A newer
     * record of it, written meanwhile or later, makes it unsettled again.
     */
    void settle(A2aDispatch dispatch) {
        unsettled.remove(dispatch.taskId());
        if (get(dispatch.taskId()).filter(now -> now.version() > dispatch.version()).isPresent()) {
            unsettled.add(dispatch.taskId());
        }
    }

    /** Written to Kafka (acks=all) and read back by this instance before it returns. */
    void write(A2aDispatch dispatch) throws TimeoutException {
        view.writeAndReadBack(producer, dispatch.taskId(), dispatch, clock.instant(), timeout);
    }

    /**
     * The task's dispatch leaves the topic (a tombstone) and every instance's view: the task was archived, so what
     * its agent said goes with it.
     */
    void remove(String taskId) throws TimeoutException {
        sendAndWait(producer, new ProducerRecord<>(view.topic(), taskId, null), timeout, "the tombstone");
    }

    /** Sends {@code record} (acks=all) and waits until Kafka took it; a {@link TimeoutException} naming what. */
    static void sendAndWait(Producer<String, byte[]> producer, ProducerRecord<String, byte[]> record,
                            Duration timeout, String what) throws TimeoutException {
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TimeoutException(what + " could not be written: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    /** The topic, with any deployment prefix. */
    String topic() {
        return view.topic();
    }
}
