package io.switchboard.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One simulation run against a live gateway: agents registered and beating, tasks created at the rate, each
 * assignment played by its agent (progress, then complete or fail after its work time), until every task created
 * has ended or the drain time is up.
 */
public final class Simulation {

    /** How often an agent beats; it registers with twice this as its interval, so one late beat does no harm. */
    private static final Duration BEAT = Duration.ofSeconds(5);
    private static final Duration TICK = Duration.ofMillis(10);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final int ACTION_TRIES = 120;

    private final SimulationOptions options;
    private final AgentPlan plan;
    private final GatewayClient gateway;
    private final PrintStream out;
    private final Set<String> ourAgents;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Long> assignedAfterMicros = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong assigned = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failedForGood = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean stopCreating;
    /** Wall-clock create and first-assignment times per task, when a timeline is asked for (null otherwise). */
    private final Map<String, long[]> timeline;
    private final Path timelineFile;

    public Simulation(SimulationOptions options, PrintStream out) {
        this(options, out, null);
    }

    /** With {@code timeline}: each task's create and first assignment (epoch ms) written there as CSV at the end. */
    public Simulation(SimulationOptions options, PrintStream out, Path timeline) {
        this.timelineFile = timeline;
        this.timeline = timeline == null ? null : new ConcurrentHashMap<>();
        this.options = options;
        this.plan = new AgentPlan(options);
        this.gateway = new GatewayClient(options.gateway(), options.apiKey(), 256);
        this.out = out;
        this.ourAgents = Set.copyOf(plan.agents().stream().map(AgentPlan.Agent::id).toList());
    }

    public SimulationReport run() throws InterruptedException {
        try (SimulatedA2aAgents a2a = options.a2a() == null ? null : new SimulatedA2aAgents(plan,
                options.a2a().getHostString(), options.a2a().getPort())) {
            return run(a2a);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve the A2A agents on " + options.a2a(), e);
        }
    }

    /** With {@code a2a} the agents are A2A agents: the gateway plays their part, and beats for them. */
    private SimulationReport run(SimulatedA2aAgents a2a) throws InterruptedException {
        registerAgents(a2a);
        long started = System.nanoTime();
        try (TaskEvents events = TaskEvents.open(gateway, this::on)) {
            if (a2a == null) {
                scheduler.scheduleAtFixedRate(this::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
            }
            scheduler.scheduleAtFixedRate(() -> progressLine(started), REPORT_EVERY.toMillis(),
                    REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            createTasks(started);
            long creating = System.nanoTime() - started;
            long drainUntil = System.nanoTime() + options.drain().toNanos();
            while (!open.isEmpty() && System.nanoTime() < drainUntil) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            long total = System.nanoTime() - started;
            return report(Duration.ofNanos(creating), Duration.ofNanos(total));
        } finally {
            scheduler.shutdownNow();
            writeTimeline();
        }
    }

    /** task,created_ms,assigned_ms (empty when never assigned), ordered by create time. */
    private void writeTimeline() {
        if (timeline == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("task,created_ms,assigned_ms");
        timeline.entrySet().stream().sorted(Map.Entry.comparingByValue((a, b) -> Long.compare(a[0], b[0])))
                .forEach(e -> lines.add(e.getKey() + "," + e.getValue()[0] + ","
                        + (e.getValue()[1] == 0 ? "" : e.getValue()[1])));
        try {
            Files.write(timelineFile, lines);
            out.printf("simulator: timeline of %d tasks in %s%n", lines.size() - 1, timelineFile);
        } catch (IOException e) {
            out.printf("simulator: could not write the timeline to %s: %s%n", timelineFile, e);
        }
    }

    /** Ends the creating part of a running simulation now; it then drains as after its duration. */
    public void stopCreating() {
        stopCreating = true;
    }

    /** Tasks created so far (acknowledged by the API). */
    public long created() {
        return created.get();
    }

    /** The ids of the tasks the API acknowledged (201): what must never be lost. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Tasks ended so far. */
    public long ended() {
        return completed.get() + failedForGood.get() + cancelled.get();
    }

    private void registerAgents(SimulatedA2aAgents a2a) {
        List<CompletableFuture<GatewayClient.Answer>> answers = plan.agents().stream()
                .map(agent -> a2a == null ? gateway.register(agent, BEAT.multipliedBy(2))
                        : gateway.registerA2a(agent, a2a.cardUrl(agent.id()), BEAT.multipliedBy(2))).toList();
        for (int i = 0; i < answers.size(); i++) {
            GatewayClient.Answer answer = answers.get(i).join();
            if (!answer.ok()) {
                throw new IllegalStateException("registering " + plan.agents().get(i).id() + " failed: "
                        + answer.status() + " " + answer.body());
            }
        }
        out.printf("simulator: %d %sagents registered (%s)%n", plan.agents().size(), a2a == null ? "" : "A2A ",
                options.agentId(0) + "...");
    }

    /** Creates tasks at the rate on a steady clock until the duration is over or the task limit reached. */
    private void createTasks(long started) throws InterruptedException {
        long end = started + options.duration().toNanos();
        long index = 0;
        while (!stopCreating && System.nanoTime() < end && (options.tasks() == 0 || index < options.tasks())) {
            if (options.rate() == 0) {
                TimeUnit.NANOSECONDS.sleep(TICK.toNanos()); // agents only: they work until the duration is over
                continue;
            }
            long due = (long) ((System.nanoTime() - started) / 1e9 * options.rate()) + 1;
            if (options.tasks() > 0) {
                due = Math.min(due, options.tasks());
            }
            while (index < due) {
                create(options.taskId(index++));
            }
            TimeUnit.NANOSECONDS.sleep(TICK.toNanos());
        }
    }

    private void create(String taskId) {
        open.add(taskId);
        createdAt.put(taskId, System.nanoTime());
        if (timeline != null) {
            timeline.put(taskId, new long[] {System.currentTimeMillis(), 0});
        }
        gateway.create(taskId, plan.nextPriority(), plan.nextRequirement()).thenAccept(answer -> {
            if (answer.ok()) {
                acknowledged.add(taskId);
                created.incrementAndGet();
            } else {
                refused.incrementAndGet();
                open.remove(taskId);
                createdAt.remove(taskId);
            }
        });
    }

    private void on(TaskEvents.Event event) {
        if (!event.taskId().startsWith(options.taskPrefix())) {
            return;
        }
        if (event.name().equals("task:assigned") && ourAgents.contains(event.agentId())) {
            assigned.incrementAndGet();
            Long sent = createdAt.remove(event.taskId());
            if (sent != null) {
                assignedAfterMicros.add((System.nanoTime() - sent) / 1_000);
                long[] times = timeline == null ? null : timeline.get(event.taskId());
                if (times != null) {
                    times[1] = System.currentTimeMillis();
                }
            }
            if (options.a2a() == null) {
                work(event.taskId()); // an A2A agent's part is played over A2A, through the gateway
            }
        } else if (event.name().equals("task:failed")) {
            failedAttempts.incrementAndGet();
        }
        if (event.finalState() && open.remove(event.taskId())) {
            switch (event.name()) {
                case "task:completed" -> completed.incrementAndGet();
                case "task:cancelled" -> cancelled.incrementAndGet();
                default -> failedForGood.incrementAndGet();
            }
        }
    }

    /** The agent's part: progress halfway through its work, then complete or fail at the end. */
    private void work(String taskId) {
        AgentPlan.Attempt attempt = plan.nextAttempt();
        long half = attempt.work().toMillis() / 2;
        scheduler.schedule(() -> persist(() -> gateway.progress(taskId, 50), ACTION_TRIES, progressed -> {
            if (progressed) {
                scheduler.schedule(() -> persist(() -> attempt.fails() ? gateway.fail(taskId, "simulated failure")
                        : gateway.complete(taskId), ACTION_TRIES, done -> { }), attempt.work().toMillis() - half,
                        TimeUnit.MILLISECONDS);
            }
        }), half, TimeUnit.MILLISECONDS);
    }

    /**
     * An agent's request, tried again while the system cannot answer (a service or the gateway restarting: no
     * answer, 502-504); a refusal (4xx) ends it: the task moved on without this agent.
     */
    private void persist(Supplier<CompletableFuture<GatewayClient.Answer>> request, int tries,
                         Consumer<Boolean> then) {
        request.get().thenAccept(answer -> {
            boolean unavailable = answer.status() == 0 || answer.status() >= 500;
            if (unavailable && tries > 1) {
                scheduler.schedule(() -> persist(request, tries - 1, then), RETRY.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            if (!answer.ok()) {
                errors.incrementAndGet();
            }
            then.accept(answer.ok());
        });
    }

    private void beat() {
        // A missed beat needs no retry: the next one comes in BEAT, well inside the registered interval.
        plan.agents().forEach(agent -> gateway.heartbeat(agent.id()));
    }

    private void progressLine(long started) {
        out.printf("simulator: %4ds created %d, assigned %d, completed %d, failed %d (%d attempts), open %d%n",
                (System.nanoTime() - started) / 1_000_000_000, created.get(), assigned.get(), completed.get(),
                failedForGood.get(), failedAttempts.get(), open.size());
    }

    private SimulationReport report(Duration creating, Duration total) {
        List<Long> latencies;
        synchronized (assignedAfterMicros) {
            latencies = new ArrayList<>(assignedAfterMicros);
        }
        return new SimulationReport(options.runId(), created.get(), refused.get(), assigned.get(), completed.get(),
                failedForGood.get(), failedAttempts.get(), cancelled.get(), open.size(), errors.get(), creating,
                total, Percentiles.of(latencies), List.copyOf(open));
    }
}
