package io.switchboard.bench;

import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.AgentSelector.Selection;
import io.switchboard.assignment.selection.Candidate;
import io.switchboard.assignment.selection.PendingTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One assignment decision in isolation: {@link AgentSelector#select} for one pending task against a pool of 10,000
 * agents (see {@link Workload}). Each invocation takes the next of 100,000 pre-built tasks, cycling, and selects
 * for it without placing it, so the pool's loads never change and every invocation sees the same state; the
 * {@link Selection} (choice plus top-5 ranking) is returned, so JMH consumes it. One op = one decision, so ops/s is
 * decisions per second on one core. Included per decision: the capability-index lookup
 * ({@link AgentPool#withCapabilities}), the eligibility filter, scoring every eligible agent and keeping the top 5.
 * Not included: queue ordering, load bookkeeping, caps (see {@link PlannerBenchmark}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SelectorBenchmark {

    private AgentPool pool;
    private PendingTask[] tasks;
    private AgentSelector selector;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(Workload.SEED);
        List<Candidate> agents = Workload.agents(random);
        pool = Workload.pool(agents);
        tasks = Workload.tasks(random, agents).toArray(PendingTask[]::new);
        selector = Workload.selector();
        next = 0;

        long withCapabilities = 0;
        int found = 0;
        for (PendingTask task : tasks) {
            withCapabilities += pool.withCapabilities(task.required()).size();
            if (selector.select(task, pool).found()) {
                found++;
            }
        }
        System.out.printf("%n[workload] %d agents, %d tasks; per task on average %.1f agents have every required "
                        + "capability; %.1f%% of tasks have an eligible agent%n", pool.size(), tasks.length,
                (double) withCapabilities / tasks.length, 100.0 * found / tasks.length);
    }

    @Benchmark
    public Selection selectBestAgent() {
        PendingTask task = tasks[next];
        next = next + 1 == tasks.length ? 0 : next + 1;
        return selector.select(task, pool);
    }
}
