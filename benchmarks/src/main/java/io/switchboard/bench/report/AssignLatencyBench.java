package io.switchboard.bench.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Create-to-assigned latency as a WebSocket client sees it: one client on the gateway's
 * {@code /ws?events=task:assigned}; tasks created on task.commands at a fixed rate; latency = the time the client
 * got the task's frame minus the time its create was handed to the Kafka producer (both read from this JVM's
 * clock). The simulated agents complete every task when assigned, so the agents never fill up.
 * <pre>--bootstrap=... --gateway=http://... --ws=ws://.../ws --key=... --rates=200,1000 --warmup-s=3 --seconds=20</pre>
 */
public final class AssignLatencyBench {

    private AssignLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = new Cli(args);
        List<Integer> rates = cli.integers("rates", "200,1000");
        int warmup = cli.integer("warmup-s", 3);
        int seconds = cli.integer("seconds", 20);
        Path out = Path.of(cli.get("out", "benchmarks/target/report/data"));
        String prefix = cli.get("prefix", "al" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("rates", String.join(",", rates.stream().map(String::valueOf).toList()));
        results.put("warmup_s", warmup);
        results.put("seconds", seconds);

        Map<String, long[]> sentNanos = new ConcurrentHashMap<>(); // {nanoTime, wall ms} of each create
        // {index, latency ns, send wall ms, task createdAt ms, task assignedAt ms, receipt wall ms}
        ConcurrentLinkedQueue<long[]> received = new ConcurrentLinkedQueue<>();
        Map<String, Integer> index = new ConcurrentHashMap<>();
        Listener listener = new Listener(sentNanos, received, index);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(cli.require("ws") + "?events=task:assigned"), listener).join();

        try (TaskDriver driver = new TaskDriver(cli.require("bootstrap"), prefix)) {
            driver.registerAgents(cli.require("gateway"), cli.require("key"), cli.integer("agents", 20), 10_000);
            Thread.sleep(2000);
            driver.startFollowers();
            int next = 0;
            for (int rate : rates) {
                received.clear();
                int total = rate * (warmup + seconds);
                int firstMeasured = next + rate * warmup;
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long due = start + (long) i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 200_000) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    String id = driver.taskId(next + i);
                    index.put(id, next + i);
                    sentNanos.put(id, new long[] {System.nanoTime(), System.currentTimeMillis()});
                    driver.create(id);
                }
                driver.flush();
                double achieved = total / ((System.nanoTime() - start) / 1e9);
                int measured = rate * seconds;
                long waitUntil = System.currentTimeMillis() + 15_000;
                while (countFrom(received, firstMeasured) < measured && System.currentTimeMillis() < waitUntil) {
                    Thread.sleep(50);
                }
                double[] latencies = received.stream().filter(r -> r[0] >= firstMeasured)
                        .mapToDouble(r -> r[1] / 1e6).sorted().toArray();
                String key = "rate." + rate + ".";
                // Where the time goes, from the timestamps task-service put in the task (same machine, same clock):
                // send -> create applied (createdAt), -> assignment applied (assignedAt), -> frame received.
                String[] segments = {"create_applied", "assigned", "relayed"};
                for (int s = 0; s < segments.length; s++) {
                    int from = s + 2;
                    double[] part = received.stream().filter(r -> r[0] >= firstMeasured && r[3] > 0 && r[4] > 0)
                            .mapToDouble(r -> r[from + 1] - r[from]).sorted().toArray();
                    results.put(key + "segment." + segments[s] + ".p50_ms", Cli.fmt(Cli.percentile(part, 0.5)));
                    results.put(key + "segment." + segments[s] + ".p99_ms", Cli.fmt(Cli.percentile(part, 0.99)));
                }
                results.put(key + "achieved_create_rate", Cli.fmt(achieved));
                results.put(key + "sent", measured);
                results.put(key + "received", latencies.length);
                results.put(key + "p50_ms", Cli.fmt(Cli.percentile(latencies, 0.50)));
                results.put(key + "p99_ms", Cli.fmt(Cli.percentile(latencies, 0.99)));
                results.put(key + "p999_ms", Cli.fmt(Cli.percentile(latencies, 0.999)));
                results.put(key + "max_ms", Cli.fmt(latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1]));
                System.out.printf("%d creates/s (achieved %.0f/s): %d of %d frames; p50 %.1f ms, p99 %.1f ms,"
                                + " p99.9 %.1f ms, max %.1f ms%n", rate, achieved, latencies.length, measured,
                        Cli.percentile(latencies, 0.5), Cli.percentile(latencies, 0.99),
                        Cli.percentile(latencies, 0.999), latencies.length == 0 ? Double.NaN
                                : latencies[latencies.length - 1]);
                StringBuilder csv = new StringBuilder("latency_ms\n");
                Arrays.stream(latencies).forEach(l -> csv.append(Cli.fmt(l)).append('\n'));
                LifecycleBench.writeString(out.resolve("latency-" + rate + ".csv"), csv.toString());
                next += total;
                Thread.sleep(2000); // let the last completions drain before the next rate
            }
            // Let the backlog drain (every task completed) so the next measurement starts on a quiet stack.
            long drainUntil = System.currentTimeMillis() + 240_000;
            while (driver.completed.size() < next && System.currentTimeMillis() < drainUntil) {
                Thread.sleep(100);
            }
            results.put("drained", driver.completed.size() + "/" + next);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        results.put("socket_closed_early", listener.closed);
        Cli.writeResults(out.resolve("latency.properties"), results);
    }

    private static long countFrom(ConcurrentLinkedQueue<long[]> received, int firstIndex) {
        return received.stream().filter(r -> r[0] >= firstIndex).count();
    }

    /** Reads whole frames and takes the task id from {@code "taskId":"..."}; the rest of the frame is not parsed. */
    private static final class Listener implements WebSocket.Listener {
        private static final String TASK_ID = "\"taskId\":\"";
        private final Map<String, long[]> sentNanos;
        private final ConcurrentLinkedQueue<long[]> received;
        private final Map<String, Integer> index;
        private final StringBuilder frame = new StringBuilder();
        volatile boolean closed;

        Listener(Map<String, long[]> sentNanos, ConcurrentLinkedQueue<long[]> received, Map<String, Integer> index) {
            this.sentNanos = sentNanos;
            this.received = received;
            this.index = index;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            frame.append(data);
            if (last) {
                int at = frame.indexOf(TASK_ID);
                if (at >= 0) {
                    int from = at + TASK_ID.length();
                    String id = frame.substring(from, frame.indexOf("\"", from));
                    long[] sent = sentNanos.remove(id);
                    if (sent != null) {
                        received.add(new long[] {index.getOrDefault(id, -1), now - sent[0], sent[1],
                                instant(frame, "\"createdAt\":\""), instant(frame, "\"assignedAt\":\""),
                                System.currentTimeMillis()});
                    }
                }
                frame.setLength(0);
            }
            socket.request(1);
            return null;
        }

        private static long instant(StringBuilder frame, String field) {
            int at = frame.indexOf(field);
            if (at < 0) {
                return 0;
            }
            int from = at + field.length();
            try {
                return java.time.Instant.parse(frame.substring(from, frame.indexOf("\"", from))).toEpochMilli();
            } catch (RuntimeException e) {
                return 0;
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed = true;
            System.err.println("WebSocket closed: " + status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed = true;
            System.err.println("WebSocket error: " + error);
        }
    }
}
