package io.switchboard.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * End-to-end lifecycle throughput: K simulated agents, N tasks created on task.commands with at most {@code window}
 * of them open at a time (created and not yet seen completed), each completed by its agent as soon as it is
 * assigned. Tasks per second = tasks completed / (last task.completed read - first create sent).
 * <pre>--bootstrap=127.0.0.1:9092 --gateway=http://127.0.0.1:8080 --key=... --tasks=20000 --agents=20
 * --window=2000 --timeout-s=600 --out=dir</pre>
 */
public final class LifecycleBench {

    private LifecycleBench() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = new Cli(args);
        int tasks = cli.integer("tasks", 20_000);
        int agents = cli.integer("agents", 20);
        int window = cli.integer("window", 2000);
        long timeoutMs = cli.integer("timeout-s", 600) * 1000L;
        Path out = Path.of(cli.get("out", "benchmarks/target/report/data"));
        String name = cli.get("name", "lifecycle");
        String prefix = cli.get("prefix", "lc" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36));

        try (TaskDriver driver = new TaskDriver(cli.require("bootstrap"), prefix)) {
            driver.registerAgents(cli.require("gateway"), cli.require("key"), agents, 10_000);
            Thread.sleep(2000); // the decider's view of agents picks the new agents up
            driver.startFollowers();
            System.out.printf("%s: %d tasks, %d agents, window %d, prefix %s%n", name, tasks, agents, window, prefix);
            long start = System.currentTimeMillis();
            long deadline = start + timeoutMs;
            for (int i = 0; i < tasks; i++) {
                while (i - driver.completed.size() >= window && System.currentTimeMillis() < deadline) {
                    driver.flush();
                    Thread.sleep(1);
                }
                driver.create(driver.taskId(i));
            }
            driver.flush();
            long createsDone = System.currentTimeMillis();
            long lastReport = createsDone;
            while (driver.completed.size() < tasks && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
                if (System.currentTimeMillis() - lastReport > 5000) {
                    lastReport = System.currentTimeMillis();
                    System.out.printf("  %d of %d completed after %.0f s%n", driver.completed.size(), tasks,
                            (lastReport - start) / 1000.0);
                }
            }
            int done = driver.completed.size();
            long end = driver.completed.values().stream().mapToLong(Long::longValue).max().orElse(start);
            double seconds = (end - start) / 1000.0;
            double rate = done / Math.max(seconds, 0.001);
            System.out.printf("%s: %d of %d tasks completed in %.1f s: %.0f tasks/s (creates sent in %.1f s)%n",
                    name, done, tasks, seconds, rate, (createsDone - start) / 1000.0);

            Map<String, Object> results = new LinkedHashMap<>();
            results.put("tasks", tasks);
            results.put("completed", done);
            results.put("agents", agents);
            results.put("window", window);
            results.put("seconds", Cli.fmt(seconds));
            results.put("tasks_per_s", Cli.fmt(rate));
            results.put("prefix", prefix);
            results.put("start_ms", start);
            results.put("end_ms", end);
            results.put("driver_cpu_s", Cli.fmt(((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9));
            Cli.writeResults(out.resolve(name + ".properties"), results);

            // completions per second, for the chart
            int buckets = (int) Math.max(1, Math.ceil(seconds));
            int[] perSecond = new int[buckets + 1];
            driver.completed.values().forEach(t -> perSecond[(int) Math.min(buckets, (t - start) / 1000)]++);
            StringBuilder csv = new StringBuilder("second,completed\n");
            for (int s = 0; s <= buckets; s++) {
                csv.append(s).append(',').append(perSecond[s]).append('\n');
            }
            writeString(out.resolve(name + "-series.csv"), csv.toString());
            if (done < tasks) {
                System.exit(2);
            }
        }
    }

    static void writeString(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
