package io.switchboard.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/k8s/examples/agent-fleet: the KEDA ScaledObject scales the example's Deployment, from zero, on metrics that
 * assignment-service really exports, for the capability the agents really have, one pod per slots of work; the
 * agents' command uses only options the simulator takes.
 */
class AgentFleetExampleTest {

    private static final Path EXAMPLE = Kustomize.K8S.resolve("examples/agent-fleet");
    private static final Pattern METRIC = Pattern.compile("(switchboard_capacity_[a-z_]+)\\{capability=\"([^\"]+)\"}");
    private static final Pattern OPTION = Pattern.compile("(--[a-z-]+)\\s+(\\S+)");

    @Test
    void theScaledObjectScalesTheAgentsOnTheQueueTheyServe() throws IOException {
        Problems problems = new Problems("agent-fleet example");
        Map<String, Object> deployment = only(Yamls.load(EXAMPLE.resolve("agents.yaml")), "Deployment");
        Map<String, Object> scaled = only(Yamls.load(EXAMPLE.resolve("scaled-object.yaml")), "ScaledObject");
        problems.check(Yamls.same(Yamls.str(scaled, "spec.scaleTargetRef.name"), Yamls.name(deployment)),
                "the ScaledObject must target the Deployment " + Yamls.name(deployment));
        problems.check(Yamls.same(Yamls.at(scaled, "spec.minReplicaCount"), 0), "minReplicaCount must be 0");

        Map<String, Object> container = Yamls.maps(deployment, "spec.template.spec.containers").get(0);
        String command = String.join(" ", Yamls.list(container, "args").stream().map(String::valueOf).toList());
        Map<String, String> options = new java.util.HashMap<>();
        Matcher option = OPTION.matcher(command);
        while (option.find()) {
            options.put(option.group(1), option.group(2).replace("\"", ""));
        }
        String simulator = Files.readString(Code.ROOT.resolve(
                "agent-simulator/src/main/java/io/switchboard/simulator/SimulationOptions.java"));
        options.keySet().forEach(name -> problems.check(simulator.contains("\"" + name + "\""),
                "the agents' command uses " + name + ", which the simulator does not take"));
        problems.check("0".equals(options.get("--rate")), "the agents must create no task (--rate 0)");

        Map<String, Object> trigger = Yamls.maps(scaled, "spec.triggers").get(0);
        problems.check("prometheus".equals(trigger.get("type")), "the trigger must be KEDA's prometheus scaler");
        String query = Yamls.str(trigger, "metadata.query");
        String exported = Files.readString(Code.ROOT.resolve(
                "assignment-service/src/main/java/io/switchboard/assignment/capacity/CapacityMetrics.java"));
        Matcher metric = METRIC.matcher(query);
        int metrics = 0;
        while (metric.find()) {
            metrics++;
            String name = metric.group(1).substring("switchboard_capacity_".length()).replace('_', '.');
            problems.check(exported.contains("PREFIX + \"" + name + "\""),
                    metric.group(1) + " is not a metric assignment-service exports");
            problems.check(metric.group(2).equals(options.get("--capabilities")),
                    "the query counts capability " + metric.group(2) + ", the agents have " + options.get("--capabilities"));
        }
        problems.check(metrics >= 3, "the query must count pending, assigned and in-progress work: " + query);
        int slots = Integer.parseInt(options.getOrDefault("--agents", "0"))
                * Integer.parseInt(options.getOrDefault("--capacity", "0"));
        problems.check(String.valueOf(slots).equals(String.valueOf(Yamls.at(trigger, "metadata.threshold"))),
                "the threshold must be one pod's slots (--agents x --capacity = " + slots + ")");
        problems.assertNone();
    }

    private static Map<String, Object> only(List<Map<String, Object>> docs, String kind) {
        List<Map<String, Object>> found = docs.stream().filter(doc -> kind.equals(Yamls.kind(doc))).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }
}
