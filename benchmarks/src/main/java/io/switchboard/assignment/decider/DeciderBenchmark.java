package io.switchboard.assignment.decider;

import io.switchboard.assignment.queue.AssignmentQueue;
import io.switchboard.assignment.queue.QueuePolicy;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.DefaultAgentScorer;
import io.switchboard.assignment.selection.ScoringWeights;
import io.switchboard.events.agent.Agent;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Whole rounds of the decider as it runs in assignment-service ({@link Decider#round}): its state fed with
 * {@code pending} waiting tasks and {@code finished} tasks created, held and completed before, and 50 agents with two
 * free slots each, so that a round makes 100 decisions. The round is not committed, so every round starts from the
 * same state. The primary score is rounds per second; {@code decisions} (an aux counter) is decisions per second.
 * What it shows: the cost of a decision as the number of finished tasks grows (it should not move), and as the
 * number of waiting tasks grows (the round still sorts every waiting task).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DeciderBenchmark {

    private static final Instant NOW = Instant.parse("2026-01-12T12:00:00Z");
    private static final String[] CAPABILITIES = {"docs", "java", "ops", "react", "sql"};
    private static final int AGENTS = 50;
    private static final int FREE_SLOTS = 2;

    @State(Scope.Thread)
    public static class World {

        @Param({"1000", "100000"})
        public int pending;

        @Param({"0", "1000000"})
        public int finished;

        Decider decider;
        int decisionsPerRound;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(20260112);
            AssignmentQueue queue = new AssignmentQueue(new QueuePolicy(Duration.ofMinutes(15), Map.of()));
            DeciderState state = new DeciderState(new SlaDeadlines(Map.of(Priority.P0, Duration.ofHours(1),
                    Priority.P1, Duration.ofHours(24), Priority.P2, Duration.ofDays(7))), queue, AssignmentMode.AUTO);
            decider = new Decider(state, queue,
                    new AgentSelector(new DefaultAgentScorer(new ScoringWeights(1, 1, 0.5))),
                    new DeciderSettings(AssignmentMode.AUTO, Duration.ofMinutes(2), 1000, Duration.ofSeconds(1),
                            Map.of(), "task-service", Duration.ofSeconds(30)), () -> "decision");
            for (int i = 0; i < AGENTS; i++) {
                List<String> capabilities = new ArrayList<>();
                for (String capability : CAPABILITIES) {
                    if (random.nextInt(3) > 0) {
                        capabilities.add(capability);
                    }
                }
                decider.onAgent(new AgentState(new Agent("agent-" + i, "Agent " + i, AgentStatus.ACTIVE,
                        capabilities, List.of(), FREE_SLOTS, 0.5 + random.nextDouble() / 2, 0, NOW, 0, 0, 0, false, 1,
                        null),
                        Map.of(), null, false, false, true, false, List.of()));
            }
            for (int i = 0; i < finished; i++) {
                Task task = task("done-" + i, random);
                decider.onTask(task);
                Task held = next(task, TaskStatus.ASSIGNED, "agent-" + random.nextInt(AGENTS));
                decider.onTask(held);
                decider.onTask(next(held, TaskStatus.COMPLETED, held.agent()));
            }
            for (int i = 0; i < pending; i++) {
                decider.onTask(task("task-" + i, random));
            }
            decisionsPerRound = decide().messages().size() / 2;
            System.out.printf("%n[decider] pending=%d finished=%d: %d decisions per round, %d tasks kept%n", pending,
                    finished, decisionsPerRound, state.unfinishedCount());
        }

        Decider.Decisions decide() {
            return decider.round(List.of(), NOW, id -> null);
        }

        private static Task task(String id, Random random) {
            Task.Builder task = new Task.Builder();
            task.id = id;
            task.name = id;
            task.priority = Priority.values()[random.nextInt(4)];
            task.status = TaskStatus.PENDING;
            task.requiredCapabilities = List.of(CAPABILITIES[random.nextInt(CAPABILITIES.length)]);
            task.createdAt = NOW.minusSeconds(random.nextInt(3600));
            task.updatedAt = task.createdAt;
            task.version = 1;
            return task.build();
        }

        private static Task next(Task task, TaskStatus status, String agent) {
            Task.Builder next = task.toBuilder();
            next.status = status;
            next.agent = agent;
            next.version = task.version() + 1;
            return next.build();
        }
    }

    /** Decisions per second, over the same measured time as the rounds. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Decisions {
        public long decisions;

        @Setup(Level.Iteration)
        public void reset() {
            decisions = 0;
        }
    }

    @Benchmark
    public Decider.Decisions round(World world, Decisions counters) {
        Decider.Decisions decisions = world.decide();
        counters.decisions += world.decisionsPerRound;
        return decisions;
    }
}
