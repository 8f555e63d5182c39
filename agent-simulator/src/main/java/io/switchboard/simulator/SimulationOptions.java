package io.switchboard.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 */
public record SimulationOptions(URI gateway, String apiKey, int agents, int capacity, List<String> capabilities,
                                double rate, Duration duration, int tasks, double failRate, Duration workMin,
                                Duration workMax, Duration drain, String runId, long seed) {

    public static final String USAGE = """
            usage: agent-simulator [--gateway URL] [--api-key KEY] [--agents N] [--capacity N] [--rate PER_SECOND]
                                   [--duration SECONDS] [--tasks N] [--fail-rate 0..1] [--work MIN_MS-MAX_MS]
                                   [--capabilities a,b,c] [--drain SECONDS] [--run-id ID] [--seed N]
              Registers N agents, creates tasks at the rate, and plays each agent: it takes the tasks assigned to it,
              reports progress, then completes or fails them. Prints figures every 5 s and a summary at the end.
              Defaults: --gateway http://localhost:8080 --agents 20 --capacity 5 --rate 50 --duration 30
                        --fail-rate 0.05 --work 200-2000 --capabilities sim-code,sim-review,sim-docs,sim-test,sim-ops
                        --drain 60""";

    public SimulationOptions {
        if (agents < 1 || capacity < 1 || rate <= 0 || failRate < 0 || failRate > 1 || capabilities.isEmpty()
                || workMin.compareTo(workMax) > 0) {
            throw new IllegalArgumentException("agents, capacity and rate must be positive, fail-rate 0..1, "
                    + "capabilities not empty, work min <= max");
        }
    }

    public static SimulationOptions defaults() {
        String key = System.getenv("SWITCHBOARD_API_KEY");
        return new SimulationOptions(URI.create("http://localhost:8080"), key == null || key.isBlank() ? null : key,
                20, 5,
                // Capabilities of their own: no real (or demo) agent takes a simulated task and sits on it.
                List.of("sim-code", "sim-review", "sim-docs", "sim-test", "sim-ops"), 50, Duration.ofSeconds(30), 0,
                0.05,
                Duration.ofMillis(200), Duration.ofMillis(2000), Duration.ofSeconds(60),
                Long.toString(System.currentTimeMillis() % 1_000_000, 36), 42);
    }

    public static SimulationOptions parse(String[] args) {
        SimulationOptions o = defaults();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = rest.remove(0);
            o = switch (name) {
                case "--gateway" -> o.with(URI.create(value), o.apiKey, o.agents, o.rate, o.duration, o.tasks);
                case "--api-key" -> o.with(o.gateway, value, o.agents, o.rate, o.duration, o.tasks);
                case "--agents" -> o.with(o.gateway, o.apiKey, Integer.parseInt(value), o.rate, o.duration, o.tasks);
                case "--rate" -> o.with(o.gateway, o.apiKey, o.agents, Double.parseDouble(value), o.duration, o.tasks);
                case "--duration" -> o.with(o.gateway, o.apiKey, o.agents, o.rate, seconds(value), o.tasks);
                case "--tasks" -> o.with(o.gateway, o.apiKey, o.agents, o.rate, o.duration, Integer.parseInt(value));
                case "--capacity" -> new SimulationOptions(o.gateway, o.apiKey, o.agents, Integer.parseInt(value),
                        o.capabilities, o.rate, o.duration, o.tasks, o.failRate, o.workMin, o.workMax, o.drain,
                        o.runId, o.seed);
                case "--capabilities" -> new SimulationOptions(o.gateway, o.apiKey, o.agents, o.capacity,
                        List.of(value.split(",")), o.rate, o.duration, o.tasks, o.failRate, o.workMin, o.workMax,
                        o.drain, o.runId, o.seed);
                case "--fail-rate" -> new SimulationOptions(o.gateway, o.apiKey, o.agents, o.capacity,
                        o.capabilities, o.rate, o.duration, o.tasks, Double.parseDouble(value), o.workMin, o.workMax,
                        o.drain, o.runId, o.seed);
                case "--work" -> {
                    String[] range = value.split("-");
                    Duration min = Duration.ofMillis(Long.parseLong(range[0]));
                    Duration max = range.length > 1 ? Duration.ofMillis(Long.parseLong(range[1])) : min;
                    yield new SimulationOptions(o.gateway, o.apiKey, o.agents, o.capacity, o.capabilities, o.rate,
                            o.duration, o.tasks, o.failRate, min, max, o.drain, o.runId, o.seed);
                }
                case "--drain" -> new SimulationOptions(o.gateway, o.apiKey, o.agents, o.capacity, o.capabilities,
                        o.rate, o.duration, o.tasks, o.failRate, o.workMin, o.workMax, seconds(value), o.runId,
                        o.seed);
                case "--run-id" -> new SimulationOptions(o.gateway, o.apiKey, o.agents, o.capacity, o.capabilities,
                        o.rate, o.duration, o.tasks, o.failRate, o.workMin, o.workMax, o.drain, value, o.seed);
                case "--seed" -> new SimulationOptions(o.gateway, o.apiKey, o.agents, o.capacity, o.capabilities,
                        o.rate, o.duration, o.tasks, o.failRate, o.workMin, o.workMax, o.drain, o.runId,
                        Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            };
        }
        return o;
    }

    private SimulationOptions with(URI gateway, String apiKey, int agents, double rate, Duration duration,
                                   int tasks) {
        return new SimulationOptions(gateway, apiKey, agents, capacity, capabilities, rate, duration, tasks,
                failRate, workMin, workMax, drain, runId, seed);
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
