package io.switchboard.bench.report;

import io.switchboard.events.serde.MessageCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code report.md} and its PNG charts from what bench/report.sh measured into {@code data/}: each
 * measurement's properties or raw tool output. A section whose data is missing says so (and which log to read)
 * instead of failing the report.
 * <pre>ReportWriter benchmarks/target/report</pre>
 */
public final class ReportWriter {

    private static final double TARGET_TPS = 5000;
    private static final double TARGET_P99_MS = 50;
    private static final double TARGET_RECOVERY_S = 30;
    private static final double TARGET_FIRST_TASKS_MS = 1000;

    private final Path dir;
    private final Path data;
    private final Properties meta;
    private final Properties sections;
    private final StringBuilder summary = new StringBuilder();
    private final StringBuilder body = new StringBuilder();

    private ReportWriter(Path dir) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.meta = Cli.readResults(data.resolve("meta.properties"));
        this.sections = Cli.readResults(data.resolve("sections.properties"));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/report");
        new ReportWriter(dir).write();
        System.out.println("wrote " + dir.resolve("report.md"));
    }

    private void write() throws IOException {
        double ceiling = kafka();
        lifecycle(ceiling);
        latency();
        rest();
        recovery();
        dashboard();
        engine();
        jmh();
        slaTimers();

        StringBuilder md = new StringBuilder();
        md.append("# Switchboard benchmark report\n\n");
        md.append(String.format("Run: %s, mode **%s**, commit `%s`, %s cores, %s; load average at start %s.%n%n",
                meta.getProperty("date", "?"), meta.getProperty("mode", "?"), meta.getProperty("commit", "?"),
                meta.getProperty("cores", "?"), meta.getProperty("java", "?"), meta.getProperty("loadavg", "?")));
        md.append("The broker, the five services and the load generators all share this machine's cores, and other "
                + "engineers' builds were running on it too: every figure is noisy, and the throughput figures are "
                + "a lower bound of what the services do on their own. Services run as `./switchboard` starts them "
                + "(`" + meta.getProperty("service_opts", "?") + "`; the gateway `"
                + meta.getProperty("gateway_opts", "?") + "`).\n\n");
        md.append("## Summary\n\n| Measure | Result | Target | Verdict |\n|---|---|---|---|\n");
        md.append(summary).append('\n');
        md.append(body);
        md.append("## Sections of this run\n\n| Section | status | took | load average (1, 5, 15 min) at its start |\n"
                + "|---|---|---:|---|\n");
        for (String section : List.of("kafka", "lifecycle", "latency", "rest", "recovery", "dashboard", "engine", "jmh",
                "sla")) {
            md.append(String.format("| %s | %s | %s s | %s |%n", section, sections.getProperty(section, "not run"),
                    sections.getProperty(section + ".seconds", "-"), sections.getProperty(section + ".loadavg", "-")));
        }
        md.append("\nRaw data, tool output, JFR recordings and each section's log: `data/`.\n");
        Files.writeString(dir.resolve("report.md"), md);
    }

    // ------------------------------------------------------------------ sections --

    private boolean missing(String section, String what) {
        String status = sections.getProperty(section, "not run");
        if (status.equals("ok")) {
            return false;
        }
        body.append("_").append(what).append(": not measured in this run (").append(status).append("; see `data/")
                .append(section).append(".log`)._\n\n");
        summary.append("| ").append(what).append(" | not measured (").append(status).append(") | | |\n");
        return true;
    }

    private double kafka() throws IOException {
        body.append("## Raw Kafka ceiling (Kafka's own tools, same run, same broker)\n\n");
        if (missing("kafka", "Raw Kafka ceiling")) {
            return Double.NaN;
        }
        String producer = read("kafka-producer.txt");
        String e2e = read("kafka-e2e.txt");
        Properties settings = Cli.readResults(data.resolve("kafka.properties"));
        double recordsPerS = Double.NaN;
        Matcher p = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg"
                + " latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th")
                .matcher(producer);
        String producerCell = "unparsed";
        if (p.find()) {
            recordsPerS = Double.parseDouble(p.group(2));
            producerCell = String.format(Locale.ROOT, "%,.0f records/s (%s MB/s); p50 %s ms, p99 %s ms",
                    recordsPerS, p.group(3), p.group(7), p.group(9));
        }
        Matcher avg = Pattern.compile("Avg latency: ([\\d.]+) ms").matcher(e2e);
        Matcher pct = Pattern.compile("Percentiles: 50th = ([\\d.]+), 99th = ([\\d.]+), 99.9th = ([\\d.]+)").matcher(e2e);
        String e2eCell = "unparsed";
        if (pct.find()) {
            e2eCell = String.format("p50 %s ms, p99 %s ms, p99.9 %s ms%s", pct.group(1), pct.group(2), pct.group(3),
                    avg.find() ? " (avg " + avg.group(1) + " ms)" : "");
        }
        summary.append("| Kafka ceiling: ProducerPerformance (").append(settings.getProperty("producer", "")).append(") | ")
                .append(producerCell).append(" | (reference) | |\n");
        summary.append("| Kafka ceiling: EndToEndLatency (").append(settings.getProperty("e2e", "")).append(") | ")
                .append(e2eCell).append(" | (reference) | |\n");
        body.append("`org.apache.kafka.tools.ProducerPerformance ").append(settings.getProperty("producer_args", ""))
                .append("`:\n\n```\n").append(lastLines(producer, 2)).append("\n```\n\n");
        body.append("`org.apache.kafka.tools.EndToEndLatency ").append(settings.getProperty("e2e_args", ""))
                .append("`:\n\n```\n").append(lastLines(e2e, 4)).append("\n```\n\n");
        return recordsPerS;
    }

    private void lifecycle(double ceiling) throws IOException {
        body.append("## End-to-end lifecycle throughput (create to completed, simulated agents)\n\n");
        if (missing("lifecycle", "Lifecycle throughput")) {
            return;
        }
        Properties r = Cli.readResults(data.resolve("lifecycle.properties"));
        double tps = number(r, "tasks_per_s");
        String ratio = Double.isNaN(ceiling) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * tps / ceiling);
        summary.append(String.format(Locale.ROOT, "| End-to-end lifecycle throughput (%s tasks, %s agents) | **%,.0f tasks/s**"
                        + " (%s of %s of %s tasks completed); %s of the raw producer ceiling | ≥ 5,000 tasks/s | %s |%n",
                r.getProperty("tasks"), r.getProperty("agents"), tps, r.getProperty("seconds") + " s",
                r.getProperty("completed"), r.getProperty("tasks"), ratio, verdict(tps >= TARGET_TPS)));
        body.append(String.format(Locale.ROOT, "%s agents registered over REST (heartbeatIntervalMs 0, maxConcurrentTasks"
                        + " 10,000); %s tasks created straight on `task.commands` (CreateTask, AUTO) with at most %s"
                        + " open at a time; each completed with a CompleteTask as soon as its `task.assigned` was read;"
                        + " timed from the first create sent to the last `task.completed` read: %s of %s tasks in %s s,"
                        + " **%,.0f tasks/s**, %s of the ProducerPerformance ceiling (%,.0f records/s; one task's"
                        + " lifecycle writes many records: commands, states, events, results, registry holdings,"
                        + " SLA clocks).%n%n", r.getProperty("agents"), r.getProperty("tasks"), r.getProperty("window"),
                r.getProperty("completed"), r.getProperty("tasks"), r.getProperty("seconds"), tps, ratio, ceiling));
        Path series = data.resolve("lifecycle-series.csv");
        if (Files.exists(series)) {
            List<String> lines = Files.readAllLines(series);
            double[] x = new double[lines.size() - 1];
            double[] y = new double[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                String[] parts = lines.get(i).split(",");
                x[i - 1] = Double.parseDouble(parts[0]);
                y[i - 1] = Double.parseDouble(parts[1]);
            }
            Charts.line(dir.resolve("lifecycle.png"), "Tasks completed per second (create to completed)",
                    "seconds since the first create", "tasks/s", x, y, TARGET_TPS, "target 5,000/s");
            body.append("![tasks completed per second](lifecycle.png)\n\n");
        }
        if (!Double.isNaN(ceiling)) {
            Charts.bars(dir.resolve("ceiling.png"), "Raw Kafka producer ceiling vs. lifecycle throughput", "per second",
                    List.of("Kafka ProducerPerformance (records/s)", "Switchboard lifecycle (tasks/s)"), List.of("rate"),
                    new double[][] {{ceiling}, {tps}}, TARGET_TPS, "target 5,000 tasks/s");
            body.append("![ceiling vs lifecycle](ceiling.png)\n\n");
        }
        cpuAndProfile("lifecycle", "the throughput run", number(r, "completed"));
        bytesPerTask(number(r, "completed"));
    }

    /** What the lifecycle run wrote to each topic, per completed task: where the broker's bytes go. */
    private void bytesPerTask(double tasks) throws IOException {
        Properties bytes = Cli.readResults(data.resolve("bytes-lifecycle.properties"));
        if (bytes.isEmpty() || Double.isNaN(tasks) || tasks <= 0) {
            return;
        }
        body.append("### Bytes written per completed task, by topic\n\n")
                .append("The growth of each topic's log on the broker during the throughput run (records with their"
                        + " headers, batch headers and transaction markers; topics that grew by less than 10 bytes"
                        + " per task left out), over the tasks completed.\n\n| Topic | bytes per task |\n|---|---:|\n");
        double[] total = {0};
        bytes.stringPropertyNames().stream()
                .sorted(Comparator.comparingDouble(k -> -number(bytes, k)))
                .forEach(k -> {
                    double perTask = number(bytes, k) / tasks;
                    total[0] += perTask;
                    if (perTask >= 10) {
                        body.append(String.format(Locale.ROOT, "| `%s` | %,.0f |%n", k.substring("topic.".length()),
                                perTask));
                    }
                });
        body.append(String.format(Locale.ROOT, "| every topic | **%,.0f** |%n%n", total[0]));
    }

    /**
     * The CPU table of a profiled section; with {@code tasks} (not NaN), also each process's CPU milliseconds per
     * completed task: its cores times the section's wall time, over the tasks, so idle costs are counted in.
     */
    private void cpuAndProfile(String label, String during, double tasks) throws IOException {
        Properties cpu = Cli.readResults(data.resolve("cpu-" + label + ".properties"));
        boolean perTask = !Double.isNaN(tasks) && tasks > 0;
        if (!cpu.isEmpty()) {
            body.append("### Where the CPU went during ").append(during).append("\n\n")
                    .append(String.format("CPU time of each process of the stack over the %s s it took, in cores "
                            + "(2.0 = both cores all the time), JFR recording included. Machine total (every process: "
                            + "the load generator and other engineers' builds included): %s cores busy of %s.%n%n",
                            cpu.getProperty("wall_s"), cpu.getProperty("machine_busy"), meta.getProperty("cores", "?")))
                    .append(perTask ? "| Process | cores | CPU ms per completed task |\n|---|---:|---:|\n"
                            : "| Process | cores |\n|---|---:|\n");
            double wall = number(cpu, "wall_s");
            double[] total = {0};
            cpu.stringPropertyNames().stream().filter(k -> k.startsWith("cpu."))
                    .sorted(Comparator.comparingDouble(k -> -number(cpu, k)))
                    .forEach(k -> {
                        body.append("| ").append(k.substring(4)).append(" | ").append(cpu.getProperty(k));
                        if (perTask) {
                            double ms = number(cpu, k) * wall * 1000 / tasks;
                            total[0] += ms;
                            body.append(String.format(" | %.2f", ms));
                        }
                        body.append(" |\n");
                    });
            if (perTask) {
                body.append(String.format("| all of the stack | | **%.2f** |%n", total[0]));
            }
            body.append('\n');
        }
        try (var files = Files.list(data)) {
            List<Path> profiles = files.filter(f -> f.getFileName().toString().startsWith("profile-" + label + "-")
                    && f.toString().endsWith(".md")).sorted().toList();
            if (!profiles.isEmpty()) {
                body.append("### Profile of the two busiest processes (JFR, during ").append(during).append(")\n\n");
                for (Path profile : profiles) {
                    body.append(Files.readString(profile)).append('\n');
                }
            }
        }
    }

    private void latency() throws IOException {
        body.append("## Create-to-assigned latency, as a WebSocket client sees it\n\n");
        if (missing("latency", "Create-to-assigned latency")) {
            return;
        }
        Properties r = Cli.readResults(data.resolve("latency.properties"));
        body.append(String.format("One client on the gateway's `/ws?events=task:assigned`; tasks created on "
                + "`task.commands` at a fixed rate (%s s warm-up not counted, then %s s measured); latency = the "
                + "frame's receipt time minus the time the create was handed to the producer, one clock. The "
                + "simulated agents complete every task when assigned.%n%n| Rate | frames / creates | p50 | p99 |"
                + " p99.9 | max |%n|---|---|---:|---:|---:|---:|%n", r.getProperty("warmup_s"), r.getProperty("seconds")));
        List<String> categories = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String rate : r.getProperty("rates", "").split(",")) {
            if (rate.isBlank()) {
                continue;
            }
            String k = "rate." + rate + ".";
            double p99 = number(r, k + "p99_ms");
            body.append(String.format("| %s/s (achieved %s/s) | %s / %s | %s ms | %s ms | %s ms | %s ms |%n", rate,
                    r.getProperty(k + "achieved_create_rate"), r.getProperty(k + "received"), r.getProperty(k + "sent"),
                    r.getProperty(k + "p50_ms"), r.getProperty(k + "p99_ms"), r.getProperty(k + "p999_ms"),
                    r.getProperty(k + "max_ms")));
            boolean complete = number(r, k + "received") >= number(r, k + "sent");
            String verdict = rate.equals("1000") ? verdict(p99 <= TARGET_P99_MS && complete) : "";
            summary.append(String.format("| Create-to-assigned over WebSocket at %s/s | p50 %s ms, **p99 %s ms**, p99.9 %s"
                            + " ms (%s of %s frames) | %s | %s |%n", rate, r.getProperty(k + "p50_ms"),
                    r.getProperty(k + "p99_ms"), r.getProperty(k + "p999_ms"), r.getProperty(k + "received"),
                    r.getProperty(k + "sent"), rate.equals("1000") ? "p99 ≤ 50 ms at 1,000/s" : "", verdict));
            categories.add(rate + " creates/s");
            values.add(new double[] {number(r, k + "p50_ms"), p99, number(r, k + "p999_ms")});
        }
        body.append("\nWhere the time goes, from the timestamps task-service writes into the task (`createdAt` when it"
                + " applied the create, `assignedAt` when it applied the decider's assignment; same machine, same "
                + "clock, millisecond grain):\n\n| Rate | send → create applied | → assignment applied (decider"
                + " round trip) | → frame at the client (commit + gateway relay) |\n|---|---|---|---|\n");
        for (String rate : r.getProperty("rates", "").split(",")) {
            String k = "rate." + rate + ".segment.";
            if (r.getProperty(k + "assigned.p50_ms") == null) {
                continue;
            }
            body.append("| ").append(rate).append("/s");
            for (String segment : List.of("create_applied", "assigned", "relayed")) {
                body.append(" | p50 ").append(r.getProperty(k + segment + ".p50_ms")).append(" ms, p99 ")
                        .append(r.getProperty(k + segment + ".p99_ms")).append(" ms");
            }
            body.append(" |\n");
        }
        body.append('\n');
        transactionWaits();
        if (!categories.isEmpty()) {
            Charts.bars(dir.resolve("latency.png"), "Create-to-assigned latency (WebSocket client)", "ms", categories,
                    List.of("p50", "p99", "p99.9"), values.toArray(new double[0][]), TARGET_P99_MS, "target p99 50 ms");
            body.append("![create-to-assigned latency](latency.png)\n\n");
        }
    }

    /**
     * The share of the latency runs' wall time each transactional loop spent blocked in the two broker round trips
     * every transaction makes, from {@link TransactionTimes} before and after.
     */
    private void transactionWaits() {
        Properties before = Cli.readResults(data.resolve("txn-before-latency.properties"));
        Properties after = Cli.readResults(data.resolve("txn-after-latency.properties"));
        double wallNs = (number(after, "at_ms") - number(before, "at_ms")) * 1e6;
        if (!(wallNs > 0)) {
            return;
        }
        body.append("Time each transactional loop spent blocked on the broker during these runs, as a share of their"
                + " wall time (the Kafka clients' own `txn-send-offsets-time-ns-total` and `txn-commit-time-ns-total`,"
                + " read over JMX before and after; summed over a service's loops: the registry runs two):\n\n"
                + "| Service | in `sendOffsetsToTransaction` | in `commitTransaction` |\n|---|---:|---:|\n");
        for (String service : List.of("task-service", "assignment-service", "agent-registry-service",
                "sla-monitor-service")) {
            body.append(String.format("| %s | %.0f %% | %.0f %% |%n", service,
                    100 * (number(after, service + ".send-offsets_ns") - number(before, service + ".send-offsets_ns"))
                            / wallNs,
                    100 * (number(after, service + ".commit_ns") - number(before, service + ".commit_ns")) / wallNs));
        }
        double ended = number(after, "broker.end_txn") - number(before, "broker.end_txn");
        double refused = number(after, "broker.txn_offset_commit_concurrent_transactions")
                - number(before, "broker.txn_offset_commit_concurrent_transactions");
        body.append(String.format("%nThe broker ended %.0f transactions and refused a partition's offset commit %.0f"
                + " times with `CONCURRENT_TRANSACTIONS` (the same producer's previous transaction still writing its"
                + " markers; the client waits and asks again), %.2f per transaction.%n%n", ended, refused,
                ended > 0 ? refused / ended : Double.NaN));
    }

    private void rest() throws IOException {
        body.append("## REST throughput through the gateway\n\n");
        if (missing("rest", "REST throughput")) {
            return;
        }
        Properties r = Cli.readResults(data.resolve("rest.properties"));
        body.append(String.format("%s concurrent keep-alive connections (Java HttpClient, one thread each), %s s "
                + "measured after a warm-up; the gateway's per-key rate limit raised for the run (%s), so the figure "
                + "is the services' and not the limiter's. Writes carry the admin key.%n%n| Request | requests/s |"
                + " p50 | p99 | answers |%n|---|---:|---:|---:|---|%n", r.getProperty("connections"),
                r.getProperty("seconds"), meta.getProperty("rate_limit", "?")));
        Map<String, String> names = new LinkedHashMap<>();
        names.put("get_by_id", "GET /api/tasks/{id}");
        names.put("list_100", "GET /api/tasks?limit=100");
        names.put("create", "POST /api/tasks");
        List<String> categories = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        names.forEach((k, name) -> {
            if (r.getProperty(k + ".requests_per_s") == null) {
                return;
            }
            body.append(String.format("| `%s` | %s | %s ms | %s ms | %s |%n", name, r.getProperty(k + ".requests_per_s"),
                    r.getProperty(k + ".p50_ms"), r.getProperty(k + ".p99_ms"), r.getProperty(k + ".statuses")));
            summary.append(String.format(Locale.ROOT, "| REST `%s` through the gateway | **%,.0f req/s**, p50 %s ms, p99 %s"
                    + " ms | | |%n", name, number(r, k + ".requests_per_s"), r.getProperty(k + ".p50_ms"),
                    r.getProperty(k + ".p99_ms")));
            categories.add(name);
            values.add(new double[] {number(r, k + ".requests_per_s")});
        });
        body.append('\n');
        Charts.bars(dir.resolve("rest.png"), "REST throughput through the gateway", "requests/s", categories,
                List.of("requests/s"), values.toArray(new double[0][]), Double.NaN, "");
        body.append("![REST throughput](rest.png)\n\n");
        cpuAndProfile("rest", "the REST runs", Double.NaN);
    }

    private void recovery() {
        body.append("## Recovery: a restarted task-service with 1,000,000 tasks in Kafka\n\n");
        if (missing("recovery", "Recovery")) {
            return;
        }
        Properties load = Cli.readResults(data.resolve("recovery-load.properties"));
        Properties r = Cli.readResults(data.resolve("recovery.properties"));
        double serving = number(r, "serving_s");
        summary.append(String.format(Locale.ROOT, "| Restart of task-service with %,d tasks in `task.state` | ready in %s s,"
                        + " **serving `GET /api/tasks/{last}` in %s s**; heap %s (used after GC %s MB) | ≤ 30 s | %s |%n",
                (long) number(load, "tasks"), r.getProperty("ready_s"), r.getProperty("serving_s"),
                r.getProperty("heap_opts"), r.getProperty("heap_used_mb"), verdict(serving <= TARGET_RECOVERY_S)));
        body.append(String.format(Locale.ROOT, "%,d completed tasks (four transitions each, %s bytes of JSON per record "
                        + "on average) written straight to the compacted `task.state` in %s s with the codec's headers, "
                        + "task-service stopped meanwhile. Then task-service started (`%s`): the JVM start to "
                        + "`/actuator/health/readiness` UP took **%s s**, and to `GET /api/tasks/%s` answering 200 "
                        + "**%s s**. Heap used after a full GC once it served: %s MB. %s%n%n",
                (long) number(load, "tasks"), load.getProperty("value_bytes_avg"), load.getProperty("load_seconds"),
                r.getProperty("heap_opts"), r.getProperty("ready_s"), load.getProperty("last_id"),
                r.getProperty("serving_s"), r.getProperty("heap_used_mb"), r.getProperty("note", "")));
    }

    /**
     * Issue 18's engines (bench/engine-choice.sh): each line of its results is a step, {@code name -Xmx.. key=value
     * ...}, or, for the query store, {@code name key=value}.
     */
    private void engine() throws IOException {
        body.append("## State engines: Kafka Streams against the runtime, and queries from the store\n\n");
        if (missing("engine", "State engines")) {
            return;
        }
        Map<String, Properties> steps = new LinkedHashMap<>();
        Properties queries = new Properties();
        for (String line : read("engine/results.txt").split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 2) {
                continue;
            }
            Properties figures = words[0].startsWith("query-store")
                    ? queries : steps.computeIfAbsent(words[0], name -> new Properties());
            for (String word : words) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    figures.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
        }
        Properties runtime = steps.getOrDefault("runtime", new Properties());
        Properties killed = steps.getOrDefault("streams-restart-after-kill-9", new Properties());
        summary.append(String.format(Locale.ROOT, "| Restart with %s tasks: the runtime / Kafka Streams after kill -9 "
                        + "| %s s, heap %s MB / **%s s, heap %s MB** | ≤ 10 s, heap bounded by open work | %s |%n",
                meta.getProperty("recovery_tasks", "the recovery section's"),
                runtime.getProperty("ready_seconds", "?"), runtime.getProperty("heap_mb", "?"),
                killed.getProperty("serving_seconds", "?"), killed.getProperty("heap_mb", "?"),
                verdict(number(killed, "serving_seconds") <= 10)
                        + " by the engine; the services do not run on it yet"));
        double worstPage = queries.stringPropertyNames().stream().filter(key -> key.contains("page_ms_p99"))
                .mapToDouble(key -> number(queries, key)).max().orElse(Double.NaN);
        summary.append(String.format(Locale.ROOT, "| Queries from the store at %s tasks: a page of 100, p99 | "
                        + "**%.2f ms** at worst (an hour's total %s ms) | ≤ 50 ms | %s |%n",
                queries.getProperty("tasks", "?"), worstPage, queries.getProperty("hour_range_total_ms_p99", "?"),
                verdict(worstPage <= 50) + " by the store; no service answers from it yet"));
        body.append("`bench/engine-choice.sh` on this run's broker (docs/benchmarks.md, \"State engine\", explains "
                + "each step):\n\n```\n").append(read("engine/results.txt").strip()).append("\n```\n\n");
    }

    private void dashboard() throws IOException {
        body.append("## The dashboard with many open tasks\n\n");
        if (missing("dashboard", "Dashboard")) {
            return;
        }
        Properties d = Cli.readResults(data.resolve("dashboard.properties"));
        Map<?, ?> page = MessageCodec.jsonMapper().readValue(d.getProperty("page", "{}"), Map.class);
        double first = ((Number) page.get("firstTasksMs")).doubleValue();
        summary.append(String.format(Locale.ROOT, "| Dashboard with %s open tasks: first tasks on screen | **%.0f ms**, "
                        + "cards %s the server's counts, JS heap %s MB | ≤ %.0f ms, counts right | %s |%n",
                d.getProperty("open_tasks"), first, Boolean.TRUE.equals(page.get("cardsMatch")) ? "equal to" : "NOT",
                page.get("jsHeapMb"), TARGET_FIRST_TASKS_MS,
                verdict(first <= TARGET_FIRST_TASKS_MS && Boolean.TRUE.equals(page.get("cardsMatch")))));
        body.append(String.format(Locale.ROOT, "%s open tasks written straight to `task.state` beside the recovery "
                        + "section's finished ones, then Chromium opened the page (`dashboard/e2e/first-paint.mjs`): "
                        + "first tasks and cards on screen after **%.0f ms** (from navigation), %s rows listed, JS heap "
                        + "%s MB; the next page in %s ms; a search (`team-3 p1`, the page's 250 ms typing pause "
                        + "included) in %s ms, %s after it. The page's first request (`GET /api/tasks?limit=100"
                        + "&counts=true` through the gateway) took %s ms in five tries. Cards: `%s`; the server's "
                        + "counts: `%s`.%n%n",
                d.getProperty("open_tasks"), first, page.get("rows"), page.get("jsHeapMb"), page.get("nextPageMs"),
                page.get("searchMs"), page.get("searchMatching"), d.getProperty("api_first_page_ms"),
                page.get("cards"), page.get("counts")));
    }

    private void jmh() throws IOException {
        body.append("## Assignment selector and planner (JMH, bench/assignment-jmh.sh)\n\n");
        if (missing("jmh", "Selector JMH")) {
            return;
        }
        Path json = data.resolve("jmh.json");
        List<?> results = MessageCodec.jsonMapper().readValue(Files.readAllBytes(json), List.class);
        body.append("Short settings (").append(meta.getProperty("jmh_opts", "")).append("), so wider error bars than "
                + "the defaults.\n\n| Benchmark | params | score | error | unit |\n|---|---|---:|---:|---|\n");
        for (Object o : results) {
            Map<?, ?> result = (Map<?, ?>) o;
            Map<?, ?> metric = (Map<?, ?>) result.get("primaryMetric");
            String name = String.valueOf(result.get("benchmark"));
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Object params = result.get("params");
            double error = metric.get("scoreError") instanceof Number e ? e.doubleValue() : Double.NaN;
            String row = String.format(Locale.ROOT, "| `%s` | %s | %,.1f | %s | %s |%n", name,
                    params == null ? "" : params.toString(), ((Number) metric.get("score")).doubleValue(),
                    Double.isNaN(error) ? "n/a (one iteration)" : String.format(Locale.ROOT, "± %,.1f", error),
                    metric.get("scoreUnit"));
            body.append(row);
            summary.append(String.format(Locale.ROOT, "| JMH `%s` %s | %,.1f %s%s | | |%n", name,
                    params == null ? "" : params.toString(), ((Number) metric.get("score")).doubleValue(),
                    metric.get("scoreUnit"), decisions(result)));
        }
        body.append('\n');
    }

    /** ", N decisions/s" for a benchmark that counts decisions (an aux counter), else nothing. */
    private static String decisions(Map<?, ?> result) {
        if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary
                && secondary.get("decisions") instanceof Map<?, ?> decisions
                && decisions.get("score") instanceof Number score) {
            return String.format(Locale.ROOT, ", **%,.0f decisions/s**", score.doubleValue());
        }
        return "";
    }

    private void slaTimers() throws IOException {
        body.append("## SLA timers (bench/sla-timers.sh)\n\n");
        if (missing("sla", "SLA timers")) {
            return;
        }
        String text = read("sla-timers.txt").strip();
        Matcher heap = Pattern.compile("heap they take: ([\\d.]+) MB \\((\\d+) bytes each\\)").matcher(text);
        Matcher late = Pattern.compile("fired ([\\d,]+) timers at a (\\d+) ms tick: (\\d+) ms late on average, (\\d+) ms"
                + " at most").matcher(text);
        String cell = (heap.find() ? heap.group(1) + " MB of heap (" + heap.group(2) + " B per timer); " : "")
                + (late.find() ? "fired " + late.group(1) + " at a " + late.group(2) + " ms tick, " + late.group(3)
                + " ms late on average, " + late.group(4) + " ms at most" : "");
        summary.append("| SLA timers (").append(meta.getProperty("sla_args", "")).append(") | ").append(cell)
                .append(" | | |\n");
        body.append("`bench/sla-timers.sh ").append(meta.getProperty("sla_args", "")).append("` (256 MB heap):\n\n```\n")
                .append(text).append("\n```\n\n");
    }

    // ------------------------------------------------------------------ helpers --

    private String read(String name) throws IOException {
        Path file = data.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().lines().filter(l -> !l.startsWith("[") && !l.isBlank()).toArray(String[]::new);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }

    private static double number(Properties p, String key) {
        try {
            return Double.parseDouble(p.getProperty(key, "NaN").replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**not met**";
    }
}
