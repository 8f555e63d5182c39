package io.switchboard.task.kafka;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the three Kafka loops in order, before the web server takes requests: the state reader (and waits until
 * it has read every committed task), the result listener (and waits until it follows the end of its topic), then
 * the command processor. Stops them in reverse.
 */
public final class KafkaWorkers implements SmartLifecycle {

    /** Before the web server (which starts in phase {@code DEFAULT_PHASE - 1024}). */
    private static final int PHASE = 0;

    private final TaskStateReader reader;
    private final CommandResultListener results;
    private final CommandProcessor processor;
    private final ReadBarrier barrier;
    private final Duration startTimeout;
    private Thread readerThread;
    private Thread resultsThread;
    private Thread processorThread;
    private volatile boolean running;

    public KafkaWorkers(TaskStateReader reader, CommandResultListener results, CommandProcessor processor,
                        ReadBarrier barrier, Duration startTimeout) {
        this.reader = reader;
        this.results = results;
        this.processor = processor;
        this.barrier = barrier;
        this.startTimeout = startTimeout;
    }

    @Override
    public void start() {
        readerThread = daemon(reader, "task-state-reader");
        resultsThread = daemon(results, "command-results");
        try {
            if (!barrier.await(startTimeout)) {
                throw new IllegalStateException("task.state could not be read within " + startTimeout);
            }
            if (!results.awaitPositioned(startTimeout)) {
                throw new IllegalStateException("task.command-results could not be read within " + startTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting", e);
        }
        processorThread = daemon(processor, "command-processor");
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        processor.stop();
        join(processorThread);
        results.stop();
        reader.stop();
        join(resultsThread);
        join(readerThread);
    }

    /** The names of the loops that should run but do not (a loop that died stops this instance being ready). */
    public List<String> stoppedLoops() {
        List<String> stopped = new ArrayList<>();
        for (Thread thread : new Thread[] {readerThread, resultsThread, processorThread}) {
            if (running && (thread == null || !thread.isAlive())) {
                stopped.add(thread == null ? "not started" : thread.getName());
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
