package io.switchboard.assignment.decider;

import io.switchboard.aggregate.BackgroundLoop;
import org.springframework.context.SmartLifecycle;

/** Runs the decider on its own thread once the views have read everything (they start in an earlier phase). */
public final class DeciderLoop implements SmartLifecycle {

    private final BackgroundLoop loop;
    private volatile boolean running;

    public DeciderLoop(AssignmentDecider decider) {
        this.loop = new BackgroundLoop("assignment-decider", decider, decider::stop);
    }

    /** False when the loop should run but its thread died: the instance then is not ready. */
    public boolean healthy() {
        return loop.alive();
    }

    @Override
    public void start() {
        loop.start();
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
        return 1;
    }
}
