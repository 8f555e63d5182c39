package io.switchboard.bench.ws;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * How many WebSocket clients one gateway serves while it relays a steady rate of events, and how late the frames
 * come: for each client count N, opens N sockets on /ws, produces events to Kafka at the rate, and reports per client
 * the frames received per second during the measured window, the events missed (never received), the {@code lagged} frames and closed sockets, and p50/p99/max of
 * receipt time minus Kafka record time. Stops after the first N at which delivery falls behind (a client missed an
 * event, was lagged or closed) or p99 passes the limit. Run through bench/ws-fanout.sh, which says what it needs.
 *
 * Options (--name=value): clients (10,100,500,1000,2000), rate (1000 events/s), seconds (10, measured),
 * warmup (3 s, produced but not counted), url (ws://localhost:8080/ws), bootstrap (localhost:9092), prefix (the
 * stack's topic prefix, none), gateway-pid (for the gateway's CPU use), p99-limit-ms (1000), all (false: go on past
 * the first N that falls behind).
 */
public final class WsFanoutBench {

    private WsFanoutBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int[] counts = Arrays.stream(options.getOrDefault("clients", "10,100,500,1000,2000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
        long p99Limit = Long.parseLong(options.getOrDefault("p99-limit-ms", "1000"));
        String url = options.getOrDefault("url", "ws://localhost:8080/ws");
        String topic = options.getOrDefault("prefix", "") + "task.sla-warning";
        Long gatewayPid = options.containsKey("gateway-pid") ? Long.valueOf(options.get("gateway-pid")) : null;
        boolean all = Boolean.parseBoolean(options.getOrDefault("all", "false"));

        System.out.printf("rate %d events/s, %d s measured after %d s warm-up, to %s, topic %s, %d cores%n", rate,
                seconds, warmup, url, topic, Runtime.getRuntime().availableProcessors());
        try (PacedProducer producer = new PacedProducer(options.getOrDefault("bootstrap", "localhost:9092"), topic)) {
            // A cold gateway (and bench) is slow for its first seconds of this load, while the JIT compiles: that is
            // not the figure asked for, so one unreported round comes first.
            System.out.println("priming: " + round(10, rate, 5, 2, url, producer, gatewayPid));
            for (int n : counts) {
                Result result = round(n, rate, seconds, warmup, url, producer, gatewayPid);
                System.out.println(result);
                if (!all && (!result.keptUp() || result.p99() > p99Limit)) {
                    System.out.printf("falls behind at %d clients%n", n);
                    break;
                }
            }
        }
        System.exit(0);
    }

    private static Result round(int n, int rate, int seconds, int warmup, String url, PacedProducer producer,
                                Long gatewayPid) throws Exception {
        String taskId = "bench-ws-" + UUID.randomUUID().toString().substring(0, 8) + "-" + n;
        URI uri = URI.create(url + "?events=task:sla-warning&taskId=" + URLEncoder.encode(taskId, StandardCharsets.UTF_8));
        LatencyHistogram latencies = new LatencyHistogram();
        FanoutClient.Window window = new FanoutClient.Window();
        List<FanoutClient> clients = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        // Several HTTP clients: each reads its sockets on one selector thread, which would otherwise be the limit.
        ExecutorService callbacks = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(8, n / 100)); i++) {
            https.add(HttpClient.newBuilder().executor(callbacks).build());
        }
        try {
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                FanoutClient client = new FanoutClient(window, latencies);
                clients.add(client);
                opening.add(https.get(i % https.size()).newWebSocketBuilder().buildAsync(uri, client));
            }
            for (CompletableFuture<WebSocket> open : opening) {
                sockets.add(open.get(60, TimeUnit.SECONDS));
            }
            long start = System.currentTimeMillis();
            window.from = start + warmup * 1000L;
            window.to = window.from + seconds * 1000L;
            Cpu cpu = new Cpu(gatewayPid);
            producer.run(taskId, rate, window);
            drain(clients);
            return new Result(n, producer.sentInWindow(), seconds, clients, latencies, cpu.sinceStart());
        } finally {
            sockets.forEach(WebSocket::abort);
            callbacks.shutdownNow();
        }
    }

    /** Waits until the clients have stopped receiving (1 s without a new frame), at most 15 s. */
    private static void drain(List<FanoutClient> clients) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        long last = -1;
        while (System.currentTimeMillis() < deadline) {
            long now = clients.stream().mapToLong(c -> c.received.get() + c.lagged.get()).sum();
            if (now == last) {
                return;
            }
            last = now;
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** The CPU the gateway and this bench used since it was made, in cores (1.0 = one core busy all the time). */
    private record Cpu(Long gatewayPid, long wall, long gateway, long bench) {
        Cpu(Long gatewayPid) {
            this(gatewayPid, System.nanoTime(), ticks(gatewayPid), benchNanos());
        }

        String sinceStart() {
            double seconds = (System.nanoTime() - wall) / 1e9;
            String benchCores = String.format("bench %.2f cores", (benchNanos() - bench) / 1e9 / seconds);
            return gatewayPid == null ? benchCores
                    : String.format("gateway %.2f cores, %s", (ticks(gatewayPid) - gateway) / 100.0 / seconds, benchCores);
        }

        /** utime + stime of a process, in clock ticks (100 a second on Linux). */
        private static long ticks(Long pid) {
            if (pid == null) {
                return 0;
            }
            try {
                String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException e) {
                return 0;
            }
        }

        private static long benchNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    private record Result(int clients, long sent, int seconds, List<FanoutClient> each, LatencyHistogram latencies,
                          String cpu) {
        long missed() {
            return each.stream().mapToLong(c -> Math.max(0, sent - c.received.get())).sum();
        }

        long lagged() {
            return each.stream().mapToLong(c -> c.lagged.get()).sum();
        }

        long closed() {
            return each.stream().filter(c -> c.closed.get()).count();
        }

        boolean keptUp() {
            return missed() == 0 && lagged() == 0 && closed() == 0;
        }

        long p99() {
            return latencies.percentile(0.99);
        }

        @Override
        public String toString() {
            double mean = each.stream().mapToLong(c -> c.arrived.get()).average().orElse(0) / seconds;
            double least = each.stream().mapToLong(c -> c.arrived.get()).min().orElse(0) / (double) seconds;
            return String.format("N=%-5d sent %.0f/s; per client %.0f frames/s during the window (least %.0f/s); "
                            + "missed %d of %d, lagged frames %d, closed %d; latency p50 %d ms, p99 %d ms, max %d ms; %s",
                    clients, sent / (double) seconds, mean, least, missed(), sent * clients, lagged(), closed(),
                    latencies.percentile(0.5), p99(), latencies.percentile(1.0), cpu);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
