package io.switchboard.gateway.delegation;

import io.switchboard.aggregate.StateView;
import io.switchboard.events.a2a.A2aDispatch;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
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

    Dispatches(StateView<A2aDispatch> view, Producer<String, byte[]> producer, Clock clock, Duration timeout) {
        this.view = view;
        this.producer = producer;
        this.clock = clock;
        this.timeout = timeout;
    }

    Optional<A2aDispatch> get(String taskId) {
        return view.store().get(taskId);
    }

    Collection<A2aDispatch> all() {
        return view.store().all();
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
        try {
            producer.send(new ProducerRecord<>(view.topic(), taskId, null)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TimeoutException("the tombstone could not be written: " + e.getCause().getMessage());
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
