package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A read-only copy of another service's aggregates, from its compacted state topic: every instance of a service
 * that only reads (the assignment decider reads tasks and agents) keeps one. Starts before the web server and waits
 * until it has read every committed state.
 */
public final class StateView<S> implements SmartLifecycle, AutoCloseable {

    private final AggregateStore<S> store;
    private final Admin admin;
    private final ReadBarrier barrier;
    private final BackgroundLoop loop;
    private final Duration startTimeout;
    private final String topic;
    private final MessageCodec codec;
    private volatile boolean running;

    public StateView(KafkaClients clients, MessageCodec codec, MessageType stateType, Function<S, String> id,
                     ToLongFunction<S> version, Duration startTimeout) {
        this(clients, codec, stateType, id, version, startTimeout, value -> codec.decode(stateType, value));
    }

    /**
     * A view that keeps what {@code read} makes of each record's value: a read model slimmer than the owner's state
     * (without what this reader never looks at), which costs less to decode and to keep.
     */
    public StateView(KafkaClients clients, MessageCodec codec, MessageType stateType, Function<S, String> id,
                     ToLongFunction<S> version, Duration startTimeout, Function<byte[], S> read) {
        this.store = new AggregateStore<>(id, version);
        this.admin = clients.admin();
        this.barrier = new ReadBarrier(admin, store, clients.topics().of(stateType));
        StateReader<S> reader = new StateReader<>(clients, store, codec, stateType, read);
        this.loop = new BackgroundLoop(clients.service() + "-" + stateType.topic() + "-reader", reader, reader::stop);
        this.startTimeout = startTimeout;
        this.topic = clients.topics().of(stateType);
        this.codec = codec;
    }

    /**
     * Writes {@code state} under {@code key} to the topic (for a view of records its own service writes: the
     * gateway's API keys and subscriptions) and returns once this view has read it back, so this instance's next
     * read sees it; the other instances follow within their read lag.
     */
    public void writeAndReadBack(Producer<String, byte[]> producer, String key, S state, Instant now,
                                 Duration timeout) throws TimeoutException {
        try {
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, key, codec.encode(state));
            codec.writeHeaders(out.headers(), state, now);
            producer.send(out).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!barrier.await(timeout)) {
                throw new TimeoutException("it was written but not read back in " + timeout);
            }
        } catch (ExecutionException e) {
            throw new TimeoutException("it could not be written to Kafka: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    public AggregateStore<S> store() {
        return store;
    }

    public ReadBarrier barrier() {
        return barrier;
    }

    /** True once the start read the whole topic; until then this instance must not be ready. */
    public boolean caughtUp() {
        return running;
    }

    /** The topic read (with any deployment prefix). */
    public String topic() {
        return topic;
    }

    /** Whether the reader still runs (a view whose reader died stops this instance being ready). */
    public boolean healthy() {
        return !running || loop.alive();
    }

    @Override
    public void start() {
        loop.start();
        loop.awaitReady(barrier::await, startTimeout, "its topic read");
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
