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
    private final StateReader<S> reader;
    private final Duration startTimeout;
    private final String name;
    private Thread thread;
    private volatile boolean running;

    public StateView(KafkaClients clients, MessageCodec codec, MessageType stateType, Function<S, String> id,
                     ToLongFunction<S> version, Duration startTimeout) {
        this.store = new AggregateStore<>(id, version);
        this.admin = clients.admin();
        this.barrier = new ReadBarrier(admin, store, clients.topics().of(stateType));
        this.reader = new StateReader<>(clients, store, codec, stateType);
        this.startTimeout = startTimeout;
        this.name = clients.service() + "-" + stateType.topic() + "-reader";
    }

    public AggregateStore<S> store() {
        return store;
    }

    public ReadBarrier barrier() {
        return barrier;
    }

    /** Whether the reader still runs (a view whose reader died stops this instance being ready). */
    public boolean healthy() {
        return !running || (thread != null && thread.isAlive());
    }

    @Override
    public void start() {
        thread = new Thread(reader, name);
        thread.setDaemon(true);
        thread.start();
        try {
            if (!barrier.await(startTimeout)) {
                throw new IllegalStateException(name + " could not read its topic within " + startTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + name, e);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        reader.stop();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
