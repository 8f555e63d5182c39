package io.switchboard.bench;

import io.switchboard.assignment.queue.AssignmentPlanner;
import io.switchboard.assignment.queue.AssignmentPlanner.Placement;
import io.switchboard.assignment.queue.AssignmentQueue;
import io.switchboard.assignment.queue.ConcurrencyCaps;
import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.Candidate;
import io.switchboard.assignment.selection.PendingTask;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Whole assignment rounds, as the decider runs them: order all 100,000 pending tasks with
 * {@link AssignmentQueue#order} and walk that order with {@link AssignmentPlanner#plan}, which selects an agent for
 * each task, takes a concurrency-cap slot and adds the load, until {@code maxPlacements} tasks are placed or the
 * queue ends (see {@link Workload} for the world).
 *
 * <p>What is counted. The primary score of {@link #planRound} is rounds per second. A round's cost is one ordering
 * of the whole queue (paid whatever the cap) plus one selection per task walked, so decisions per second depend on
 * how many decisions a round amortises its ordering over; the {@code maxPlacements} parameter shows that from a
 * small round (1,000 placements) to one that walks the whole queue (100,000). Because that number of decisions per
 * round is not a constant known at compile time, it is not folded into {@code @OperationsPerInvocation}; instead
 * the {@link Decisions} aux counters report, as rates over the same measured time:
 * <ul>
 *   <li>{@code decisions}: tasks the planner walked, i.e. selections made, placed or left waiting (no eligible
 *       agent, or the task's concurrency key at its cap) - the "decisions per second" of the issue;</li>
 *   <li>{@code placements}: the tasks of those that were assigned an agent.</li>
 * </ul>
 *
 * <p>Every round starts from the same state: the placements' loads are taken back off the pool in an
 * invocation-level tear-down, outside the measured time (a round takes tens of milliseconds or more, so JMH's
 * per-invocation overhead is negligible), and each round counts against a fresh {@link ConcurrencyCaps}. The round
 * is therefore deterministic; its number of decisions is measured once in set-up and checked after every round.
 *
 * <p>{@link #orderQueue} measures the ordering alone (one op = ordering all 100,000 tasks), to split a round's cost.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PlannerBenchmark {

    /** The pending tasks (in arrival order, unordered) and the queue, for {@link #orderQueue}. */
    @State(Scope.Thread)
    public static class Queued {
        List<PendingTask> pending;
        AssignmentQueue queue;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(Workload.SEED);
            pending = Workload.tasks(random, Workload.agents(random));
            queue = new AssignmentQueue(Workload.POLICY);
        }
    }

    /** One round's inputs, restored after every round. */
    @State(Scope.Thread)
    public static class Round {

        @Param({"1000", "10000", "100000"})
        public int maxPlacements;

        List<Candidate> agents;
        List<PendingTask> pending;
        AgentPool pool;
        AssignmentQueue queue;
        AssignmentPlanner planner;
        ConcurrencyCaps caps;
        int decisionsPerRound;
        int placementsPerRound;
        List<Placement> lastRound = List.of();

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(Workload.SEED);
            agents = Workload.agents(random);
            pending = Workload.tasks(random, agents);
            pool = Workload.pool(agents);
            queue = new AssignmentQueue(Workload.POLICY);
            planner = new AssignmentPlanner(Workload.selector());
            caps = Workload.caps();

            List<PendingTask> ordered = queue.order(pending, Workload.NOW);
            // The tasks the planner reads: it stops at maxPlacements, or once no agent has room.
            int[] read = {0};
            java.util.Iterator<PendingTask> all = ordered.iterator();
            List<Placement> placements = planner.plan(new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public PendingTask next() {
                    read[0]++;
                    return all.next();
                }
            }, pool, caps.empty(), maxPlacements);
            placementsPerRound = placements.size();
            decisionsPerRound = read[0];
            lastRound = placements;
            undo();
            System.out.printf("%n[round] maxPlacements=%d: %d decisions per round (tasks walked), %d placements%n",
                    maxPlacements, decisionsPerRound, placementsPerRound);
        }

        @TearDown(Level.Invocation)
        public void undo() {
            if (lastRound.size() != placementsPerRound) {
                throw new IllegalStateException("round placed " + lastRound.size() + " tasks, expected "
                        + placementsPerRound + ": rounds are not starting from the same state");
            }
            for (Placement placement : lastRound) {
                pool.addLoad(placement.agentId(), -1);
            }
            lastRound = List.of();
        }

        @TearDown(Level.Trial)
        public void checkRestored() {
            for (Candidate agent : agents) {
                if (!pool.get(agent.id()).orElseThrow().equals(agent)) {
                    throw new IllegalStateException("agent " + agent.id() + " was not restored");
                }
            }
        }
    }

    /** Decisions and placements per second, over the same measured time as the rounds. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Decisions {
        public long decisions;
        public long placements;

        @Setup(Level.Iteration)
        public void reset() {
            decisions = 0;
            placements = 0;
        }
    }

    @Benchmark
    public List<Placement> planRound(Round round, Decisions counters) {
        List<PendingTask> ordered = round.queue.order(round.pending, Workload.NOW);
        List<Placement> placements = round.planner.plan(ordered, round.pool, round.caps.empty(), round.maxPlacements);
        round.lastRound = placements;
        counters.decisions += round.decisionsPerRound;
        counters.placements += placements.size();
        return placements;
    }

    @Benchmark
    public List<PendingTask> orderQueue(Queued queued) {
        return queued.queue.order(queued.pending, Workload.NOW);
    }
}
