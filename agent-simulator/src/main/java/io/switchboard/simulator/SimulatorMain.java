package io.switchboard.simulator;

/**
 * {@code ./switchboard simulate [options]}: simulated agents and task producers against a running Switchboard.
 * Exits 0 when every task created ended, 1 when some were still open at the end, 2 on bad options.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(SimulationOptions.USAGE);
            return;
        }
        SimulationOptions options;
        try {
            options = SimulationOptions.parse(args);
        } catch (RuntimeException e) {
            System.err.println("simulator: " + e.getMessage());
            System.err.println(SimulationOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.printf("simulator: %d agents, %.0f tasks/s for %ds against %s (run %s)%n", options.agents(),
                options.rate(), options.duration().toSeconds(), options.gateway(), options.runId());
        SimulationReport report = new Simulation(options, System.out).run();
        System.out.println(report.summary());
        System.exit(report.stillOpen() == 0 ? 0 : 1);
    }
}
