package io.switchboard.deploy;

import io.switchboard.events.TopicProvisioner;
import io.switchboard.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the code says a deployment must give it, read from the code itself: each service module's configuration file
 * (src/main/resources/&lt;module&gt;.yml: its port variable and default port, the environment variables it reads),
 * its pom (the executable jar's classifier), and the topics of event-contracts.
 */
final class Code {

    /** The repository root (the deploy-check pom passes it; the module's parent otherwise). */
    static final Path ROOT = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();

    static final String VERSION = "0.1.0-SNAPSHOT";
    static final String GATEWAY = "notifier-gateway";
    static final List<String> MODULES =
            List.of("task-service", "agent-registry-service", "assignment-service", "sla-monitor-service", GATEWAY);

    /**
     * Placeholders a service's yml reads that a deployment may leave to their defaults: switches that are on by
     * default, tuning, CORS origins (which depend on where the dashboard is served), and whom anonymous reads are open
     * to (loopback by default; anonymous reads are off outside the local profile anyway).
     */
    static final Set<String> OPTIONAL_ENV = Set.of("SWITCHBOARD_SECURITY_ENABLED",
            "SWITCHBOARD_SECURITY_ANONYMOUS_READS_FROM",
            "SWITCHBOARD_SECURITY_RATE_LIMIT_REQUESTS", "SWITCHBOARD_SECURITY_RATE_LIMIT_PERIOD",
            "SWITCHBOARD_GATEWAY_CORS_ORIGINS");

    /**
     * Read through Spring's relaxed binding, not through a placeholder, by every module (kafka-aggregates'
     * ServiceProperties, web-support's GatewayOnlyFilter, the gateway's SecurityProperties): the topic settings
     * must equal the KafkaTopics', the token must be shared by the gateway and every service.
     */
    static final List<String> BOUND_ENV =
            List.of("SWITCHBOARD_PARTITIONS", "SWITCHBOARD_REPLICATION", "SWITCHBOARD_SECURITY_GATEWAY_TOKEN",
                    "SWITCHBOARD_INSTANCE_ID");

    private static final Pattern PORT = Pattern.compile("(?m)^server:\\s*\\n\\s+port:\\s*\\$\\{([A-Z0-9_]+):(\\d+)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    /** One service module as its configuration file describes it. */
    record Module(String name, String portVariable, int port, Map<String, String> placeholders) {

        boolean gateway() {
            return GATEWAY.equals(name);
        }

        /** Environment variables a deployment must set for this module. */
        Set<String> requiredEnv() {
            Set<String> names = new LinkedHashSet<>(placeholders.keySet());
            names.removeAll(OPTIONAL_ENV);
            names.addAll(BOUND_ENV);
            return names;
        }

        String image() {
            return "switchboard/" + name + ":" + VERSION;
        }
    }

    private Code() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Module module(String name) {
        Path yml = ROOT.resolve(name).resolve("src/main/resources").resolve(name + ".yml");
        String text = read(yml);
        Matcher port = PORT.matcher(text);
        if (!port.find()) {
            throw new IllegalStateException(yml + ": no server.port: ${SWITCHBOARD_..._PORT:default}");
        }
        Map<String, String> placeholders = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            placeholders.put(m.group(1), m.group(2));
        }
        return new Module(name, port.group(1), Integer.parseInt(port.group(2)), placeholders);
    }

    static List<Module> modules() {
        return MODULES.stream().map(Code::module).toList();
    }

    /** The module whose default port a URL's default (http://localhost:8081) names. */
    static Module byPort(int port) {
        return modules().stream().filter(m -> m.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no module listens on " + port + " by default"));
    }

    /** The gateway's service URL variables (SWITCHBOARD_TASK_URL ...) and the module each points at by default. */
    static Map<String, Module> gatewayTargets() {
        Map<String, Module> targets = new LinkedHashMap<>();
        module(GATEWAY).placeholders().forEach((variable, fallback) -> {
            if (variable.endsWith("_URL") && fallback != null) {
                Matcher port = Pattern.compile(":(\\d+)$").matcher(fallback);
                if (port.find()) {
                    targets.put(variable, byPort(Integer.parseInt(port.group(1))));
                }
            }
        });
        return targets;
    }

    /**
     * The default session timeout and heartbeat interval of the services' consumer groups, in ms, read from
     * kafka-aggregates' ServiceProperties ({@code @DefaultValue("2s") Duration sessionTimeout}, ...): a broker must
     * allow them, or the services' failover is as slow as the broker's minimum.
     */
    static Map<String, Long> groupTimeDefaults() {
        String source = read(ROOT.resolve("kafka-aggregates/src/main/java/io/switchboard/aggregate/ServiceProperties.java"));
        Map<String, Long> defaults = new LinkedHashMap<>();
        for (String name : List.of("sessionTimeout", "heartbeatInterval")) {
            Matcher m = Pattern.compile("@DefaultValue\\(\"(\\d+)(ms|s)\"\\)\\s+Duration\\s+" + name + "\\b").matcher(source);
            if (!m.find()) {
                throw new IllegalStateException("ServiceProperties: no @DefaultValue(\"<n>s|ms\") Duration " + name);
            }
            defaults.put(name, Long.parseLong(m.group(1)) * (m.group(2).equals("s") ? 1000 : 1));
        }
        return defaults;
    }

    /** The topics exactly as the services and the run command create them. */
    static List<NewTopic> topics(int partitions, int replication) {
        return TopicProvisioner.topics(new Topics(""), partitions, (short) replication);
    }
}
