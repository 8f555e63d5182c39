package io.switchboard.bench.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * REST throughput through the gateway: N threads, each with its own keep-alive connection, send one kind of
 * request back to back for a fixed time (after a warm-up that is not counted); requests per second and the
 * p50/p99 of their latency. Writes carry the admin key.
 * <pre>--gateway=http://127.0.0.1:8080 --key=... --ids-prefix=lc123 --ids=20000 --connections=16 --seconds=10</pre>
 */
public final class RestBench {

    private RestBench() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = new Cli(args);
        String gateway = cli.require("gateway");
        String key = cli.require("key");
        String idsPrefix = cli.require("ids-prefix");
        int ids = cli.integer("ids", 1000);
        int connections = cli.integer("connections", 16);
        int seconds = cli.integer("seconds", 10);
        int warmup = cli.integer("warmup-s", 3);
        Path out = Path.of(cli.get("out", "benchmarks/target/report/data"));
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

        Map<String, Supplier<HttpRequest>> cases = new LinkedHashMap<>();
        cases.put("get_by_id", () -> HttpRequest.newBuilder(URI.create(gateway + "/api/tasks/" + idsPrefix + "-"
                + ThreadLocalRandom.current().nextInt(ids))).GET().build());
        cases.put("list_100", () -> HttpRequest.newBuilder(URI.create(gateway + "/api/tasks?limit=100")).GET().build());
        AtomicLong created = new AtomicLong();
        cases.put("create", () -> HttpRequest.newBuilder(URI.create(gateway + "/api/tasks"))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"rest-" + run + "-" + created.incrementAndGet()
                        + "\",\"name\":\"REST bench task\",\"priority\":\"P2\",\"assignmentMode\":\"MANUAL\"}"))
                .build());

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("connections", connections);
        results.put("seconds", seconds);
        for (var entry : cases.entrySet()) {
            measure(entry.getKey(), entry.getValue(), connections, warmup, seconds, results);
        }
        Cli.writeResults(out.resolve("rest.properties"), results);
    }

    private static void measure(String name, Supplier<HttpRequest> request, int connections, int warmup, int seconds,
                                Map<String, Object> results) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
        long measureTo = measureFrom + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[] mine = new long[500_000];
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                int n = 0;
                while (true) {
                    long start = System.nanoTime();
                    if (start >= measureTo) {
                        break;
                    }
                    int status;
                    try {
                        status = http.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long end = System.nanoTime();
                    if (start >= measureFrom && end <= measureTo) {
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        if (status / 100 == 2) {
                            ok.incrementAndGet();
                            if (n < mine.length - 1) {
                                mine[++n] = end - start;
                                mine[0] = n;
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double[] sorted = latencies.stream().flatMapToLong(a -> java.util.Arrays.stream(a, 1, (int) a[0] + 1))
                .mapToDouble(ns -> ns / 1e6).sorted().toArray();
        double rps = ok.get() / (double) seconds;
        results.put(name + ".requests_per_s", Cli.fmt(rps));
        results.put(name + ".ok", ok.get());
        results.put(name + ".failed", failed.get());
        results.put(name + ".statuses", statuses.toString().replace(" ", ""));
        results.put(name + ".p50_ms", Cli.fmt(Cli.percentile(sorted, 0.5)));
        results.put(name + ".p99_ms", Cli.fmt(Cli.percentile(sorted, 0.99)));
        System.out.printf("%-10s %d connections, %d s: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, statuses %s%n",
                name, connections, seconds, rps, Cli.percentile(sorted, 0.5), Cli.percentile(sorted, 0.99), statuses);
    }
}
