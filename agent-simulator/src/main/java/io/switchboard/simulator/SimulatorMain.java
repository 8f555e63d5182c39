package io.switchboard.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        Path timeline = null;
        try {
            // --timeline FILE is about what this command writes, not about the simulation: taken out here.
            List<String> rest = new ArrayList<>(List.of(args));
            int at = rest.indexOf("--timeline");
            if (at >= 0) {
                if (at + 1 >= rest.size()) {
                    throw new IllegalArgumentException("--timeline needs a value");
                }
                timeline = Path.of(rest.get(at + 1));
                rest.subList(at, at + 2).clear();
            }
            options = SimulationOptions.parse(rest.toArray(String[]::new));
        } catch (RuntimeException e) {
            System.err.println("simulator: " + e.getMessage());
            System.err.println(SimulationOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.printf("simulator: %d agents, %.0f tasks/s for %ds against %s (run %s)%n", options.agents(),
                options.rate(), options.duration().toSeconds(), options.gateway(), options.runId());
        SimulationReport report = new Simulation(options, System.out, timeline).run();
        System.out.println(report.summary());
        System.exit(report.stillOpen() == 0 ? 0 : 1);
    }
}
