package io.switchboard.assignment.decider;

import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/** Runs the decider on its own thread once the views have read everything (they start in an earlier phase). */
public final class DeciderLoop implements SmartLifecycle {

    private final AssignmentDecider decider;
    private Thread thread;

    public DeciderLoop(AssignmentDecider decider) {
        this.decider = decider;
    }

    /** False when the loop should run but its thread died: the instance then is not ready. */
    public boolean healthy() {
        return thread == null || thread.isAlive();
    }

    @Override
    public void start() {
        thread = new Thread(decider, "assignment-decider");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        decider.stop();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return 1;
    }
}
