package io.switchboard.aggregate;

import io.switchboard.events.command.CommandReply;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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

    private static final Logger log = LoggerFactory.getLogger(AggregateRuntime.class);

    /** Before the web server (which starts in phase {@code DEFAULT_PHASE - 1024}). */
    private static final int PHASE = 0;

    /** How a runtime behaves; see the service's configuration for what each means to its users. */
    public record Settings(Duration commandTimeout, Duration readTimeout, Duration tick, Duration startTimeout,
                           Duration idleCommitDelay, Duration commitGap) {

        /** With the default idle commit delay (200 ms) and commit gap (4 ms). */
        public Settings(Duration commandTimeout, Duration readTimeout, Duration tick, Duration startTimeout) {
            this(commandTimeout, readTimeout, tick, startTimeout, Duration.ofMillis(200), Duration.ofMillis(4));
        }
    }

    private final AggregateStore<S> store;
    private final Admin admin;
    /**
     * How often a read waiting on {@link #processed()} asks the group's offsets again: a small request; a wait is
     * short (the processor commits every batch at once, and skipped markers within the idle commit delay).
     */
    private static final Duration PROCESSED_POLL = Duration.ofMillis(5);

    private final ReadBarrier barrier;
    private final ProcessedBarrier processed;
    private final CommandSender<C, R> sender;
    private final ResultListener<R> results;
    private final BackgroundLoop readerLoop;
    private final BackgroundLoop resultsLoop;
    private final BackgroundLoop processorLoop;
    private final CommandProcessor<S, C, R> processor;
    private final String stateTopic;
    private final String commandTopics;
    private final Duration startTimeout;
    private volatile boolean running;

    public AggregateRuntime(KafkaClients clients, AggregateLogic<S, C, R> logic, MessageCodec codec, Clock clock,
                            Settings settings) {
        this.store = new AggregateStore<>(logic::id, logic::version);
        this.admin = clients.admin();
        this.barrier = new ReadBarrier(admin, store, clients.topics().of(logic.stateType()));
        PendingCommands<R> pending = new PendingCommands<>();
        this.sender = new CommandSender<>(clients, pending, codec, logic.commandTopic(), logic::commandId,
                logic::aggregateId, settings.commandTimeout(), clock);
        String name = clients.service();
        StateReader<S> reader = new StateReader<>(clients, store, codec, logic.stateType());
        this.readerLoop = new BackgroundLoop(name + "-state-reader", reader, reader::stop);
        this.results = logic.resultType() == null ? null
                : new ResultListener<>(clients, pending, codec, logic.resultType());
        this.resultsLoop = results == null ? null
                : new BackgroundLoop(name + "-command-results", results, results::stop);
        this.stateTopic = clients.topics().of(logic.stateType());
        this.commandTopics = String.join(",", logic.commandTopics().stream().map(clients.topics()::name).toList());
        this.processor = new CommandProcessor<>(clients, admin, store, logic, codec, barrier, clock,
                settings.readTimeout(), settings.tick(), settings.idleCommitDelay(), settings.commitGap());
        this.processorLoop = new BackgroundLoop(name + "-command-processor", processor, processor::stop);
        this.processed = new ProcessedBarrier(admin, clients.groupId(),
                logic.commandTopics().stream().map(clients.topics()::name).toList(), processor::committedOffset,
                PROCESSED_POLL);
        this.startTimeout = settings.startTimeout();
    }

    public AggregateStore<S> store() {
        return store;
    }

    public ReadBarrier barrier() {
        return barrier;
    }

    /**
     * Passed once this service's command processors (all instances) have handled every command committed before the
     * call, and committed what they made of them: for a read of something another processor derives from these.
     */
    public Barrier processed() {
        return processed;
    }

    public CommandSender<C, R> sender() {
        return sender;
    }

    /** The compacted topic the store is read from (with any deployment prefix). */
    public String stateTopic() {
        return stateTopic;
    }

    /** The topics this instance's command consumer reads (comma-separated, with any deployment prefix). */
    public String commandTopics() {
        return commandTopics;
    }

    /**
     * True once the start read the whole state topic (every state committed before it) and the loops run: until
     * then this instance must not be ready, since its reads and decisions would miss states.
     */
    public boolean caughtUp() {
        return running;
    }

    /** Commands waiting on the command-topic partitions this instance owns (last poll); -1 when unknown. */
    public long commandLag() {
        return processor.lag();
    }

    /**
     * {@code listener} is told of every message (event) this instance publishes, once its transaction committed:
     * each once, on the instance that applied the command. For metrics; it must be quick and must not throw.
     */
    public void onPublished(Consumer<Object> listener) {
        processor.onPublished(listener);
    }

    @Override
    public void start() {
        // Said, with how long it took, because it is most of a restart's time (a million tasks: about a minute).
        log.info("Reading {} to its end before serving", stateTopic);
        long started = System.nanoTime();
        readerLoop.start();
        if (resultsLoop != null) {
            resultsLoop.start();
        }
        readerLoop.awaitReady(barrier::await, startTimeout, "the state topic read");
        log.info("Read {}: {} aggregates in {} ms", stateTopic, store.size(),
                (System.nanoTime() - started) / 1_000_000);
        if (resultsLoop != null) {
            resultsLoop.awaitReady(results::awaitPositioned, startTimeout, "the results topic followed from the end");
        }
        processorLoop.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        processorLoop.stop();
        if (resultsLoop != null) {
            resultsLoop.stop();
        }
        readerLoop.stop();
    }

    /** The names of the loops that should run but do not (a loop that died stops this instance being ready). */
    public List<String> stoppedLoops() {
        if (!running) {
            return List.of();
        }
        List<String> stopped = new ArrayList<>();
        for (BackgroundLoop loop : new BackgroundLoop[] {readerLoop, resultsLoop, processorLoop}) {
            if (loop != null && !loop.alive()) {
                stopped.add(loop.name());
            }
        }
        return stopped;
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
}
