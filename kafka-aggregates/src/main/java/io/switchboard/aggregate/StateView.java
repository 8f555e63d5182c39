package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
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
