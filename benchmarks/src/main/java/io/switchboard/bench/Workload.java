package io.switchboard.bench;

import io.switchboard.assignment.queue.ConcurrencyCaps;
import io.switchboard.assignment.queue.QueuePolicy;
import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.Candidate;
import io.switchboard.assignment.selection.DefaultAgentScorer;
import io.switchboard.assignment.selection.PendingTask;
import io.switchboard.assignment.selection.ScoringWeights;
import io.switchboard.events.task.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The benchmarks' synthetic but fixed world (the same on every run, from {@link #SEED}): the scale of
 * 10,000 agents, 200 capabilities and 100,000 pending tasks.
 * <ul>
 *   <li>Agents: each has 5-15 distinct capabilities drawn uniformly from cap-000..cap-199, a limit of 1-10
 *       concurrent tasks, a load drawn uniformly below that limit (so every agent has room), a reliability uniform in
 *       [0, 1); all accept work and none is deregistering.</li>
 *   <li>Tasks: 1-3 required capabilities drawn with a Zipf (s = 1) skew, so cap-000 is wanted by about 17% of draws
 *       and the tail rarely; 0-2 preferred capabilities drawn uniformly (never a required one); priorities P0 5%, P1
 *       20%, P2 50%, P3 25%; created in the 30 minutes before {@link #NOW} (aging of 15 min lifts them 0-2 levels);
 *       30% with an SLA deadline 1-4 h after creation; 50 tenants as fairness keys, Zipf-skewed; 20% with one of 10
 *       concurrency keys, half of which are capped at 50 open tasks; 2% exclude one random agent.</li>
 * </ul>
 */
final class Workload {

    static final long SEED = 20_260_112L;
    static final int AGENTS = 10_000;
    static final int CAPABILITIES = 200;
    static final int TASKS = 100_000;
    static final Instant NOW = Instant.parse("2026-01-12T12:00:00Z");

    static final ScoringWeights WEIGHTS = new ScoringWeights(1, 1, 0.5);
    static final QueuePolicy POLICY = new QueuePolicy(Duration.ofMinutes(15),
            Map.of("tenant-00", 0.5, "tenant-01", 2.0, "tenant-02", 2.0));
    static final Map<String, Integer> CONCURRENCY_LIMITS =
            Map.of("api-0", 50, "api-1", 50, "api-2", 50, "api-3", 50, "api-4", 50);

    private static final int TENANTS = 50;
    private static final int CONCURRENCY_KEYS = 10;

    private Workload() {
    }

    static String capability(int index) {
        return String.format("cap-%03d", index);
    }

    static AgentSelector selector() {
        return new AgentSelector(new DefaultAgentScorer(WEIGHTS));
    }

    static ConcurrencyCaps caps() {
        return new ConcurrencyCaps(CONCURRENCY_LIMITS);
    }

    static List<Candidate> agents(Random random) {
        List<Candidate> agents = new ArrayList<>(AGENTS);
        for (int i = 0; i < AGENTS; i++) {
            Set<String> capabilities = new HashSet<>();
            int count = 5 + random.nextInt(11);
            while (capabilities.size() < count) {
                capabilities.add(capability(random.nextInt(CAPABILITIES)));
            }
            int max = 1 + random.nextInt(10);
            String id = String.format("agent-%05d", i);
            agents.add(new Candidate(id, "Agent " + i, true, Set.copyOf(capabilities), max, random.nextInt(max),
                    random.nextDouble(), false));
        }
        return agents;
    }

    static AgentPool pool(List<Candidate> agents) {
        AgentPool pool = new AgentPool();
        for (Candidate agent : agents) {
            pool.put(agent);
        }
        return pool;
    }

    static List<PendingTask> tasks(Random random, List<Candidate> agents) {
        double[] capabilityCdf = zipfCdf(CAPABILITIES);
        double[] tenantCdf = zipfCdf(TENANTS);
        List<PendingTask> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            Set<String> required = new HashSet<>();
            int requiredCount = 1 + random.nextInt(3);
            while (required.size() < requiredCount) {
                required.add(capability(draw(capabilityCdf, random)));
            }
            Set<String> preferred = new HashSet<>();
            int preferredCount = random.nextInt(3);
            while (preferred.size() < preferredCount) {
                String capability = capability(random.nextInt(CAPABILITIES));
                if (!required.contains(capability)) {
                    preferred.add(capability);
                }
            }
            int p = random.nextInt(100);
            Priority priority = p < 5 ? Priority.P0 : p < 25 ? Priority.P1 : p < 75 ? Priority.P2 : Priority.P3;
            Instant createdAt = NOW.minusMillis(random.nextInt(30 * 60 * 1000));
            Instant deadline = random.nextInt(10) < 3 ? createdAt.plusSeconds(3600 + random.nextInt(3 * 3600)) : null;
            String tenant = String.format("tenant-%02d", draw(tenantCdf, random));
            String concurrencyKey = random.nextInt(5) == 0 ? "api-" + random.nextInt(CONCURRENCY_KEYS) : null;
            Set<String> excluded = random.nextInt(50) == 0
                    ? Set.of(agents.get(random.nextInt(agents.size())).id()) : Set.of();
            tasks.add(new PendingTask(String.format("task-%06d", i), 1, priority, createdAt, deadline, tenant,
                    concurrencyKey, Set.copyOf(required), Set.copyOf(preferred), excluded));
        }
        return tasks;
    }

    /** Cumulative probabilities of ranks 0..n-1 under Zipf's law with s = 1 (rank 0 the most frequent). */
    private static double[] zipfCdf(int n) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    private static int draw(double[] cdf, Random random) {
        int at = Arrays.binarySearch(cdf, random.nextDouble());
        return Math.min(cdf.length - 1, at >= 0 ? at : -at - 1);
    }
}
