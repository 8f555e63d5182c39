package io.switchboard.simulator;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to simulate.
 *
 * @param gateway      the gateway's base URL
 * @param apiKey       a key that may create tasks, register agents and act for them (an admin or operator key;
 *                     --api-key, else SWITCHBOARD_API_KEY); null where the gateway needs none
 * @param agents       how many simulated agents
 * @param capacity     each agent's maxConcurrentTasks
 * @param capabilities the capabilities tasks require; each agent has some of them, every one is covered
 * @param rate         tasks created per second
 * @param duration     how long tasks are created (unless {@code tasks} is reached first)
 * @param tasks        stop creating after this many (0: no limit but the duration)
 * @param failRate     share of attempts an agent fails
 * @param workMin      the shortest an agent works on a task
 * @param workMax      the longest
 * @param drain        how long to wait after the last create for every task to end
 * @param runId        names this run's agents and tasks (SIM-{runId}-...)
 * @param seed         for the random choices, so a run can be repeated
 * @param a2a          where the agents serve A2A ({@code --a2a HOST:PORT}, port 0 for any): they register from their
 *                     cards and the gateway sends them their tasks over A2A; null for agents that use the REST API
 */
public record SimulationOptions(URI gateway, String apiKey, int agents, int capacity, List<String> capabilities,
                                double rate, Duration duration, int tasks, double failRate, Duration workMin,
                                Duration workMax, Duration drain, String runId, long seed, InetSocketAddress a2a) {

    public static final String USAGE = """
            usage: agent-simulator [--gateway URL] [--api-key KEY] [--agents N] [--capacity N] [--rate PER_SECOND]
                                   [--duration SECONDS] [--tasks N] [--fail-rate 0..1] [--work MIN_MS-MAX_MS]
                                   [--capabilities a,b,c] [--drain SECONDS] [--run-id ID] [--seed N]
                                   [--timeline FILE] [--a2a HOST:PORT]
              Registers N agents, creates tasks at the rate, and plays each agent: it takes the tasks assigned to it,
              reports progress, then completes or fails them. Prints figures every 5 s and a summary at the end.
              --rate 0 creates no task: agents only, working on what others create, for the duration (an agent
              fleet's pod, as deploy/k8s/examples/agent-fleet runs it).
              --timeline FILE also writes each task's create and first assignment (epoch ms) to FILE as CSV.
              --a2a HOST:PORT makes the agents A2A agents served there (port 0: any free one), registered from
              their agent cards: the gateway sends them their tasks and follows them over A2A.
              Defaults: --gateway http://localhost:8080 --agents 20 --capacity 5 --rate 50 --duration 30
                        --fail-rate 0.05 --work 200-2000 --capabilities sim-code,sim-review,sim-docs,sim-test,sim-ops
                        --drain 60""";

    private static final Set<String> NAMES = Set.of("--gateway", "--api-key", "--agents", "--capacity", "--rate",
            "--duration", "--tasks", "--fail-rate", "--work", "--capabilities", "--drain", "--run-id", "--seed", "--a2a");

    /** Agents that use the REST API. */
    public SimulationOptions(URI gateway, String apiKey, int agents, int capacity, List<String> capabilities,
                             double rate, Duration duration, int tasks, double failRate, Duration workMin,
                             Duration workMax, Duration drain, String runId, long seed) {
        this(gateway, apiKey, agents, capacity, capabilities, rate, duration, tasks, failRate, workMin, workMax,
                drain, runId, seed, null);
    }

    public SimulationOptions {
        if (agents < 1 || capacity < 1 || rate < 0 || failRate < 0 || failRate > 1 || capabilities.isEmpty()
                || workMin.compareTo(workMax) > 0) {
            throw new IllegalArgumentException("agents and capacity must be positive, rate not negative, fail-rate 0..1, "
                    + "capabilities not empty, work min <= max");
        }
    }

    /** The options from {@code --name value} pairs, each one left out taking its default (the usage lists them). */
    public static SimulationOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!NAMES.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            given.put(args[i], args[i + 1]);
        }
        String key = given.getOrDefault("--api-key", System.getenv("SWITCHBOARD_API_KEY"));
        String[] work = given.getOrDefault("--work", "200-2000").split("-");
        Duration workMin = Duration.ofMillis(Long.parseLong(work[0]));
        return new SimulationOptions(
                URI.create(given.getOrDefault("--gateway", "http://localhost:8080")),
                key == null || key.isBlank() ? null : key,
                Integer.parseInt(given.getOrDefault("--agents", "20")),
                Integer.parseInt(given.getOrDefault("--capacity", "5")),
                // Capabilities of their own: no real (or demo) agent takes a simulated task and sits on it.
                List.of(given.getOrDefault("--capabilities", "sim-code,sim-review,sim-docs,sim-test,sim-ops")
                        .split(",")),
                Double.parseDouble(given.getOrDefault("--rate", "50")),
                seconds(given.getOrDefault("--duration", "30")),
                Integer.parseInt(given.getOrDefault("--tasks", "0")),
                Double.parseDouble(given.getOrDefault("--fail-rate", "0.05")),
                workMin, work.length > 1 ? Duration.ofMillis(Long.parseLong(work[1])) : workMin,
                seconds(given.getOrDefault("--drain", "60")),
                given.getOrDefault("--run-id", Long.toString(System.currentTimeMillis() % 1_000_000, 36)),
                Long.parseLong(given.getOrDefault("--seed", "42")),
                given.containsKey("--a2a") ? address(given.get("--a2a")) : null);
    }

    private static InetSocketAddress address(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--a2a needs HOST:PORT, such as 127.0.0.1:0");
        }
        return InetSocketAddress.createUnresolved(hostAndPort.substring(0, colon),
                Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    public String agentId(int index) {
        return "sim-" + runId + "-agent-" + index;
    }

    public String taskId(long index) {
        return "SIM-" + runId + "-" + index;
    }

    public String taskPrefix() {
        return "SIM-" + runId + "-";
    }
}
