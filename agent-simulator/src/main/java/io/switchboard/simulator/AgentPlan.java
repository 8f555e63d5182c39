package io.switchboard.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The simulated agents and how they behave, decided up front from the seed so that a run can be repeated: which
 * capabilities each agent has (every capability by at least one agent, so every task has someone to go to), and for
 * each attempt whether it fails and how long it takes.
 */
public final class AgentPlan {

    /** One agent as registered. */
    public record Agent(String id, List<String> capabilities, int capacity) {
    }

    /** What an agent does with one attempt. */
    public record Attempt(boolean fails, Duration work) {
    }

    private final SimulationOptions options;
    private final Random random;
    private final List<Agent> agents;

    public AgentPlan(SimulationOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
        this.agents = plan(options, random);
    }

    private static List<Agent> plan(SimulationOptions options, Random random) {
        List<String> capabilities = options.capabilities();
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < options.agents(); i++) {
            List<String> own = new ArrayList<>();
            // Round robin first, so every capability has an agent even when there are fewer agents than them.
            for (int c = i % capabilities.size(); c < capabilities.size(); c += options.agents()) {
                own.add(capabilities.get(c));
            }
            for (String capability : capabilities) {
                if (!own.contains(capability) && random.nextDouble() < 0.4) {
                    own.add(capability);
                }
            }
            agents.add(new Agent(options.agentId(i), List.copyOf(own), options.capacity()));
        }
        return List.copyOf(agents);
    }

    public List<Agent> agents() {
        return agents;
    }

    /** The capability a new task requires. */
    public synchronized String nextRequirement() {
        return options.capabilities().get(random.nextInt(options.capabilities().size()));
    }

    /** The priority of a new task: mostly P2, some P1, few P0 and P3. */
    public synchronized String nextPriority() {
        double draw = random.nextDouble();
        return draw < 0.05 ? "P0" : draw < 0.30 ? "P1" : draw < 0.90 ? "P2" : "P3";
    }

    public synchronized Attempt nextAttempt() {
        long min = options.workMin().toMillis();
        long span = options.workMax().toMillis() - min;
        long work = min + (span == 0 ? 0 : (long) (random.nextDouble() * span));
        return new Attempt(random.nextDouble() < options.failRate(), Duration.ofMillis(work));
    }
}
