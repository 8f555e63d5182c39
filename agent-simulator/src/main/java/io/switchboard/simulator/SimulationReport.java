package io.switchboard.simulator;

import java.time.Duration;
import java.util.List;

/**
 * What a run did, as the simulator saw it through the API and the live events.
 *
 * @param created        tasks the API accepted (201)
 * @param refused        creates it refused
 * @param assigned       assignments of our tasks to our agents (retries count again)
 * @param completed      tasks completed
 * @param failedForGood  tasks failed with no retry left
 * @param failedAttempts every task:failed, retried or not
 * @param cancelled      tasks cancelled
 * @param stillOpen      tasks created that had not ended when the run stopped
 * @param errors         agent requests (heartbeats, progress, complete, fail) that were refused
 * @param creating       how long tasks were created
 * @param total          from the first create to the end of the drain
 * @param createToAssigned from sending a create to the task:assigned frame, first assignments only
 * @param openTaskIds    the ids of the tasks still open
 */
public record SimulationReport(String runId, long created, long refused, long assigned, long completed,
                               long failedForGood, long failedAttempts, long cancelled, long stillOpen, long errors,
                               Duration creating, Duration total, Percentiles createToAssigned,
                               List<String> openTaskIds) {

    public long ended() {
        return completed + failedForGood + cancelled;
    }

    /** Tasks ended per second, from the first create to the last end seen. */
    public double endedPerSecond() {
        return total.isZero() ? 0 : ended() / (total.toNanos() / 1e9);
    }

    public String summary() {
        return String.format("""
                        run %s: created %d (refused %d), ended %d: completed %d, failed %d, cancelled %d; still open %d
                          %d assignments, %d failed attempts retried or not, %d agent requests refused
                          %.1f tasks ended per second over %.1f s (creating for %.1f s)
                          create to assigned (WebSocket): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms over %d tasks""",
                runId, created, refused, ended(), completed, failedForGood, cancelled, stillOpen, assigned,
                failedAttempts, errors, endedPerSecond(), total.toNanos() / 1e9, creating.toNanos() / 1e9,
                createToAssigned.p50(), createToAssigned.p99(), createToAssigned.p999(), createToAssigned.count());
    }
}
