package io.switchboard.aggregate;

import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One aggregate kept in Kafka, with everything an instance of its owning service runs for it: the store of
 * every aggregate (read from the state topic), the command processor for the partitions this instance owns, the
 * listener for the results of the commands it sends, and the read barrier.
 *
 * <p>As a Spring lifecycle it starts its loops in order, before the web server takes requests: the state reader
 * (and waits until it has read every committed state), the result listener (and waits until it follows the end of
 * its topic), then the command processor. It stops them in reverse.
 */
public final class AggregateRuntime<S, C, R extends CommandReply> implements SmartLifecycle, AutoCloseable {

    /** Before the web server (which starts in phase {@code DEFAULT_PHASE - 1024}). */
    private static final int PHASE = 0;

    /** How a runtime behaves; see the service's configuration for what each means to its users. */
    public record Settings(Duration commandTimeout, Duration readTimeout, Duration tick) {
    }

    private final AggregateStore<S> store;
    private final Admin admin;
    private final ReadBarrier barrier;
    private final CommandSender<C, R> sender;
    private final StateReader<S> reader;
    private final ResultListener<R> results;
    private final CommandProcessor<S, C, R> processor;
    private final Duration startTimeout;
    private final String name;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public AggregateRuntime(KafkaClients clients, AggregateLogic<S, C, R> logic, MessageCodec codec, Clock clock,
                            Settings settings) {
        this.store = new AggregateStore<>(logic::id, logic::version);
        this.admin = clients.admin();
        this.barrier = new ReadBarrier(admin, store, clients.topics().of(logic.stateType()));
        PendingCommands<R> pending = new PendingCommands<>();
        this.sender = new CommandSender<>(clients, pending, codec, logic.commandTopic(), logic::commandId,
                logic::aggregateId, settings.commandTimeout(), clock);
        this.reader = new StateReader<>(clients, store, codec, logic.stateType());
        this.results = logic.resultType() == null ? null
                : new ResultListener<>(clients, pending, codec, logic.resultType());
        this.processor = new CommandProcessor<>(clients, store, logic, codec, barrier, clock,
                settings.readTimeout(), settings.tick());
        this.startTimeout = settings.readTimeout().multipliedBy(6);
        this.name = clients.service();
    }

    public AggregateStore<S> store() {
        return store;
    }

    public ReadBarrier barrier() {
        return barrier;
    }

    public CommandSender<C, R> sender() {
        return sender;
    }

    @Override
    public void start() {
        threads.add(daemon(reader, name + "-state-reader"));
        if (results != null) {
            threads.add(daemon(results, name + "-command-results"));
        }
        try {
            if (!barrier.await(startTimeout)) {
                throw new IllegalStateException("The state topic could not be read within " + startTimeout);
            }
            if (results != null && !results.awaitPositioned(startTimeout)) {
                throw new IllegalStateException("The results topic could not be read within " + startTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting", e);
        }
        threads.add(daemon(processor, name + "-command-processor"));
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        processor.stop();
        if (!threads.isEmpty()) {
            join(threads.get(threads.size() - 1));
        }
        if (results != null) {
            results.stop();
        }
        reader.stop();
        threads.forEach(AggregateRuntime::join);
        threads.clear();
    }

    /** The names of the loops that should run but do not (a loop that died stops this instance being ready). */
    public List<String> stoppedLoops() {
        if (!running) {
            return List.of();
        }
        return threads.stream().filter(thread -> !thread.isAlive()).map(Thread::getName).toList();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void close() {
        sender.close();
        admin.close(Duration.ofSeconds(5));
    }

    private static Thread daemon(Runnable loop, String name) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
