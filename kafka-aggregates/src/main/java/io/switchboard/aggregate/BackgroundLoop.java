package io.switchboard.aggregate;

import java.time.Duration;

/** A loop on its own daemon thread: started once, stopped by its stop hook and joined, alive or not. */
public final class BackgroundLoop {

    private static final Duration JOIN = Duration.ofSeconds(10);

    /** Something to wait for at start, such as a reader having read its topic. */
    @FunctionalInterface
    public interface Readiness {
        boolean await(Duration timeout) throws InterruptedException;
    }

    private final String name;
    private final Runnable loop;
    private final Runnable stopHook;
    private volatile Thread thread;

    public BackgroundLoop(String name, Runnable loop, Runnable stopHook) {
        this.name = name;
        this.loop = loop;
        this.stopHook = stopHook;
    }

    public void start() {
        Thread started = new Thread(loop, name);
        started.setDaemon(true);
        started.start();
        thread = started;
    }

    /** Waits for {@code readiness}; fails the start with a message naming the loop if it does not come in time. */
    public void awaitReady(Readiness readiness, Duration timeout, String what) {
        try {
            if (!readiness.await(timeout)) {
                throw new IllegalStateException(name + ": " + what + " not within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + name, e);
        }
    }

    /** True unless it was started and its thread died. */
    public boolean alive() {
        Thread current = thread;
        return current == null || current.isAlive();
    }

    public String name() {
        return name;
    }

    public void stop() {
        stopHook.run();
        Thread current = thread;
        if (current != null) {
            try {
                current.join(JOIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }
}
