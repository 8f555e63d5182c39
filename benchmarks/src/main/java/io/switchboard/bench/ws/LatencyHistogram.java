package io.switchboard.bench.ws;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in whole milliseconds (Kafka record timestamps have no finer grain), shared by every client: one bucket
 * per millisecond up to a minute, the rest in the last one. Lock-free, so recording costs the clients next to nothing.
 */
final class LatencyHistogram {

    private static final int MAX_MS = 60_000;

    private final AtomicLongArray buckets = new AtomicLongArray(MAX_MS + 1);

    void record(long millis) {
        buckets.incrementAndGet((int) Math.max(0, Math.min(MAX_MS, millis)));
    }

    long count() {
        long total = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            total += buckets.get(i);
        }
        return total;
    }

    /** The latency that {@code fraction} of the recorded ones do not exceed; -1 when none was recorded. */
    long percentile(double fraction) {
        long total = count();
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return MAX_MS;
    }
}
