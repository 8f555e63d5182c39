package io.switchboard.deploy;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static io.switchboard.deploy.Yamls.at;
import static io.switchboard.deploy.Yamls.kind;
import static io.switchboard.deploy.Yamls.list;
import static io.switchboard.deploy.Yamls.map;
import static io.switchboard.deploy.Yamls.maps;
import static io.switchboard.deploy.Yamls.name;
import static io.switchboard.deploy.Yamls.str;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Kubernetes overlay (rendered by Kustomize where it is installed, else resolved without patches) against the
 * code: the Strimzi topics are the code's topics with its settings; each service's workload has probes on the
 * Actuator groups, resources, the environment it reads, a Service, a PodDisruptionBudget and an autoscaler; the
 * gateway reaches the services by their Service names and ports; only the gateway reaches the services.
 */
class KubernetesManifestsTest {

    static final String CONFIG_MAP = "switchboard-config";
    /** Secrets an operator creates outside Git in the production overlays; docs/production.md must say how. */
    static final List<String> EXTERNAL_SECRETS = List.of("switchboard-gateway-token", "switchboard-api-keys");
    static final String READINESS = "/actuator/health/readiness";
    static final String LIVENESS = "/actuator/health/liveness";

    static List<String> overlays() {
        return Kustomize.OVERLAYS;
    }

    @Test
    void everyKustomizationReferencesFilesThatExistAndParse() throws Exception {
        Problems problems = new Problems("deploy/k8s");
        List<java.nio.file.Path> dirs;
        try (var walk = java.nio.file.Files.walk(Kustomize.K8S)) {
            dirs = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(p -> p.getParent())
                    .toList();
        }
        assertTrue(dirs.size() >= 6, "kustomizations found: " + dirs);
        for (var dir : dirs) {
            List<String> found = new ArrayList<>();
            Kustomize.resolve(dir, found);
            found.forEach(problems::add);
        }
        try (var walk = java.nio.file.Files.walk(Kustomize.K8S)) {
            for (var file : walk.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Yamls.load(file); // every manifest parses
            }
        }
        problems.assertNone();
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void topicsAreTheCodesTopicsWithItsSettings(String overlay) {
        Kustomize.Build build = Kustomize.build(overlay);
        Problems problems = new Problems("overlay " + overlay + (build.rendered() ? " (rendered)" : " (resolved)"));
        List<Map<String, Object>> all = build.resources();
        Map<String, Object> config = data(one(all, "ConfigMap", CONFIG_MAP, problems));
        List<Map<String, Object>> kafkas = of(all, "Kafka");
        List<Map<String, Object>> kafkaTopics = of(all, "KafkaTopic");
        String partitionsText = str(config, "SWITCHBOARD_PARTITIONS");
        String replicationText = str(config, "SWITCHBOARD_REPLICATION");
        problems.check(partitionsText != null && replicationText != null,
                CONFIG_MAP + " must set SWITCHBOARD_PARTITIONS and SWITCHBOARD_REPLICATION");
        problems.check(config.get("KAFKA_BOOTSTRAP_SERVERS") != null, CONFIG_MAP + " must set KAFKA_BOOTSTRAP_SERVERS");
        int partitions = partitionsText == null ? 6 : Integer.parseInt(partitionsText);
        int replication = replicationText == null ? 1 : Integer.parseInt(replicationText);

        if (kafkas.isEmpty()) {
            // An external Kafka: the topics are the services' or the platform's, nothing to compare here.
            problems.check(kafkaTopics.isEmpty(), "KafkaTopics without a Strimzi Kafka in the overlay");
            // The address comes from the overlay's patch: only a rendered overlay has it.
            problems.check(!build.rendered() || !String.valueOf(config.get("KAFKA_BOOTSTRAP_SERVERS")).contains("-kafka-bootstrap"),
                    "an overlay without Strimzi must point KAFKA_BOOTSTRAP_SERVERS at the external cluster");
            problems.assertNone();
            return;
        }
        problems.check(kafkas.size() == 1, "one Strimzi Kafka expected, found " + kafkas.size());
        Map<String, Object> kafka = kafkas.get(0);
        String cluster = name(kafka);
        Map<String, Object> annotations = map(kafka, "metadata.annotations");
        problems.check("enabled".equals(annotations.get("strimzi.io/kraft")), "Kafka " + cluster + " must be KRaft (strimzi.io/kraft: enabled)");
        problems.check("enabled".equals(annotations.get("strimzi.io/node-pools")), "Kafka " + cluster + " must use node pools");
        problems.check("false".equals(String.valueOf(config.get("SPRING_KAFKA_ADMIN_AUTO_CREATE"))),
                "with Strimzi the KafkaTopics own the topics: " + CONFIG_MAP + " must set SPRING_KAFKA_ADMIN_AUTO_CREATE=false");

        // The services' bootstrap address is this cluster's bootstrap Service on a plain listener.
        String bootstrap = String.valueOf(config.get("KAFKA_BOOTSTRAP_SERVERS"));
        Set<String> plainListeners = maps(kafka, "spec.kafka.listeners").stream()
                .filter(l -> !Boolean.parseBoolean(String.valueOf(l.get("tls")))).map(l -> String.valueOf(l.get("port")))
                .collect(Collectors.toSet());
        problems.check(plainListeners.stream().anyMatch(port -> bootstrap.equals(cluster + "-kafka-bootstrap:" + port)),
                "KAFKA_BOOTSTRAP_SERVERS=" + bootstrap + " is not " + cluster + "-kafka-bootstrap:<a plain listener port "
                        + plainListeners + ">");

        // Node pools: controllers and brokers of this cluster; enough brokers for the replication.
        int brokers = 0;
        boolean controllers = false;
        for (Map<String, Object> pool : of(all, "KafkaNodePool")) {
            problems.check(cluster.equals(map(pool, "metadata.labels").get("strimzi.io/cluster")),
                    "KafkaNodePool " + name(pool) + " is not labelled strimzi.io/cluster: " + cluster);
            List<Object> roles = list(pool, "spec.roles");
            int replicas = Integer.parseInt(String.valueOf(at(pool, "spec.replicas")));
            brokers += roles.contains("broker") ? replicas : 0;
            controllers |= roles.contains("controller") && replicas > 0;
        }
        problems.check(controllers, "no KafkaNodePool with the controller role");
        problems.check(brokers >= replication, "replication " + replication + " needs at least as many brokers, found " + brokers);
        Map<String, Object> brokerConfig = map(kafka, "spec.kafka.config");
        for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "default.replication.factor")) {
            problems.check(Objects.equals(String.valueOf(brokerConfig.get(key)), String.valueOf(replication)),
                    "Kafka config " + key + " = " + brokerConfig.get(key) + ", expected " + replication
                            + " (the transaction log and offsets carry every write's commit)");
        }
        problems.check(brokerConfig.get("transaction.state.log.min.isr") != null
                        && Integer.parseInt(String.valueOf(brokerConfig.get("transaction.state.log.min.isr"))) == minIsr(replication),
                "Kafka config transaction.state.log.min.isr must be " + minIsr(replication));
        // The services' group session timeout and heartbeat (the consumer protocol's minimums are 45 s and 5 s).
        Map<String, Long> groupTimes = Code.groupTimeDefaults();
        checkAtMost(problems, brokerConfig, "group.consumer.min.session.timeout.ms", groupTimes.get("sessionTimeout"));
        checkAtMost(problems, brokerConfig, "group.consumer.min.heartbeat.interval.ms", groupTimes.get("heartbeatInterval"));

        // Every topic of the code, with its partitions and settings; no other.
        Map<String, Map<String, Object>> byTopic = new LinkedHashMap<>();
        for (Map<String, Object> topic : kafkaTopics) {
            String topicName = str(topic, "spec.topicName") != null ? str(topic, "spec.topicName") : name(topic);
            problems.check(byTopic.put(topicName, topic) == null, "KafkaTopic " + topicName + " twice");
            problems.check(cluster.equals(map(topic, "metadata.labels").get("strimzi.io/cluster")),
                    "KafkaTopic " + topicName + " is not labelled strimzi.io/cluster: " + cluster);
        }
        List<NewTopic> expected = Code.topics(partitions, replication);
        for (NewTopic want : expected) {
            Map<String, Object> topic = byTopic.remove(want.name());
            if (topic == null) {
                problems.add("the code uses topic " + want.name() + " but no KafkaTopic declares it: " + expectedYaml(want, cluster));
                continue;
            }
            problems.check(Yamls.same(at(topic, "spec.partitions"), want.numPartitions()),
                    "KafkaTopic " + want.name() + ": partitions " + at(topic, "spec.partitions") + ", the code expects "
                            + want.numPartitions());
            problems.check(Yamls.same(at(topic, "spec.replicas"), replication),
                    "KafkaTopic " + want.name() + ": replicas " + at(topic, "spec.replicas") + ", SWITCHBOARD_REPLICATION is " + replication);
            Map<String, Object> configs = map(topic, "spec.config");
            Map<String, String> wantConfigs = want.configs() == null ? Map.of() : want.configs();
            wantConfigs.forEach((key, value) -> problems.check(Yamls.same(configs.get(key), value),
                    "KafkaTopic " + want.name() + ": " + key + " = " + configs.get(key) + ", the code expects " + value));
            if (!wantConfigs.containsKey(TopicConfig.CLEANUP_POLICY_CONFIG)) {
                problems.check(configs.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null
                                || "delete".equals(String.valueOf(configs.get(TopicConfig.CLEANUP_POLICY_CONFIG))),
                        "KafkaTopic " + want.name() + " is compacted but the code does not compact it");
            }
            if (!wantConfigs.containsKey(TopicConfig.RETENTION_MS_CONFIG)) {
                problems.check(configs.get(TopicConfig.RETENTION_MS_CONFIG) == null
                                || Long.parseLong(String.valueOf(configs.get(TopicConfig.RETENTION_MS_CONFIG))) < 0
                                || Long.parseLong(String.valueOf(configs.get(TopicConfig.RETENTION_MS_CONFIG))) >= 7L * 24 * 3600 * 1000,
                        "KafkaTopic " + want.name() + " keeps records for less than the broker default, the code does not ask for that");
            }
            problems.check(Yamls.same(configs.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), minIsr(replication)),
                    "KafkaTopic " + want.name() + ": min.insync.replicas = " + configs.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                            + ", expected " + minIsr(replication) + " for replicas " + replication + " (producers use acks=all)");
        }
        byTopic.keySet().forEach(extra -> problems.add("KafkaTopic " + extra + " is not a topic of the code (Topics.allBaseNames())"));
        problems.assertNone();
    }

    /** A broker setting, set and at most {@code limit}: the services' default must be allowed. */
    static void checkAtMost(Problems problems, Map<String, Object> brokerConfig, String key, long limit) {
        Object value = brokerConfig.get(key);
        problems.check(value != null && Long.parseLong(String.valueOf(value)) <= limit, "Kafka config " + key + " = "
                + value + ": must be set, at most " + limit + " (the services' default, ServiceProperties; Kafka's own"
                + " minimum is far higher and would make their failover that slow)");
    }

    /** One broker may be lost without losing an acknowledged write: replication - 1, at least 1. */
    static int minIsr(int replication) {
        return Math.max(1, replication - 1);
    }

    static String expectedYaml(NewTopic topic, String cluster) {
        StringBuilder yaml = new StringBuilder("\n---\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: ")
                .append(topic.name()).append("\n  labels:\n    strimzi.io/cluster: ").append(cluster)
                .append("\nspec:\n  topicName: ").append(topic.name()).append("\n  partitions: ").append(topic.numPartitions())
                .append("\n  replicas: ").append(topic.replicationFactor()).append("\n  config:\n");
        (topic.configs() == null ? Map.<String, String>of() : topic.configs()).forEach((k, v) -> yaml.append("    ").append(k).append(": \"").append(v).append("\"\n"));
        yaml.append("    min.insync.replicas: \"").append(minIsr(topic.replicationFactor())).append("\"\n");
        return yaml.toString();
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void everyServiceHasItsWorkloadProbesResourcesEnvServiceBudgetAndAutoscaler(String overlay) {
        Kustomize.Build build = Kustomize.build(overlay);
        Problems problems = new Problems("overlay " + overlay + (build.rendered() ? " (rendered)" : " (resolved)"));
        List<Map<String, Object>> all = build.resources();
        Map<String, Object> config = data(one(all, "ConfigMap", CONFIG_MAP, problems));
        int partitions = Integer.parseInt(String.valueOf(config.getOrDefault("SWITCHBOARD_PARTITIONS", "6")));
        Map<String, Map<String, Object>> services = index(of(all, "Service"));

        for (Code.Module module : Code.modules()) {
            String name = module.name();
            List<Map<String, Object>> workloads = all.stream()
                    .filter(d -> Set.of("Deployment", "StatefulSet").contains(kind(d)) && name.equals(name(d))).toList();
            if (workloads.size() != 1) {
                problems.add(name + ": expected one Deployment or StatefulSet, found " + workloads.size());
                continue;
            }
            Map<String, Object> workload = workloads.get(0);
            String kind = kind(workload);
            // Services with aggregates: a stable instance id per pod (see base/task-service.yaml).
            problems.check(module.gateway() ? kind.equals("Deployment") : kind.equals("StatefulSet"),
                    name + " is a " + kind + (module.gateway() ? ", expected a Deployment" : ", expected a StatefulSet (stable instance id)"));
            Map<String, Object> podLabels = map(workload, "spec.template.metadata.labels");
            Map<String, Object> selector = map(workload, "spec.selector.matchLabels");
            problems.check(!selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet()),
                    name + ": selector " + selector + " does not match its pod labels " + podLabels);
            problems.check(Boolean.TRUE.equals(at(workload, "spec.template.spec.securityContext.runAsNonRoot")),
                    name + ": pod securityContext.runAsNonRoot must be true");

            List<Map<String, Object>> containers = maps(workload, "spec.template.spec.containers");
            Map<String, Object> container = containers.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                    .orElse(containers.isEmpty() ? Map.of() : containers.get(0));
            // Image: the one compose and build-images.sh build (an overlay may change registry and tag).
            String image = String.valueOf(container.get("image"));
            String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
            String expectedRepository = "switchboard/" + name;
            problems.check(repository.equals(expectedRepository) || repository.endsWith("/" + expectedRepository),
                    name + ": image " + image + " is not (a registry's) " + expectedRepository);
            // Port: the service's own default, named http.
            List<Map<String, Object>> ports = maps(container, "ports");
            problems.check(ports.stream().anyMatch(p -> Yamls.same(p.get("containerPort"), module.port()) && "http".equals(p.get("name"))),
                    name + ": no containerPort " + module.port() + " named http (its " + module.portVariable() + " default)");
            // Probes on the Actuator groups.
            checkProbe(problems, name, container, "readinessProbe", READINESS, module.port());
            checkProbe(problems, name, container, "livenessProbe", LIVENESS, module.port());
            // Resources.
            problems.check(at(container, "resources.requests.cpu") != null && at(container, "resources.requests.memory") != null,
                    name + ": resources.requests cpu and memory are required");
            problems.check(at(container, "resources.limits.memory") != null, name + ": resources.limits.memory is required");

            // Environment: every variable the service reads.
            Map<String, Map<String, Object>> env = new LinkedHashMap<>();
            maps(container, "env").forEach(e -> env.put(String.valueOf(e.get("name")), e));
            Set<String> envNames = new LinkedHashSet<>(env.keySet());
            for (Map<String, Object> from : maps(container, "envFrom")) {
                if (from.get("configMapRef") != null) {
                    String ref = str(from, "configMapRef.name");
                    Map<String, Object> cm = data(one(all, "ConfigMap", ref, problems));
                    envNames.addAll(cm.keySet());
                }
                if (from.get("secretRef") != null) {
                    String ref = str(from, "secretRef.name");
                    Map<String, Object> secret = secret(all, ref, problems, overlay);
                    envNames.addAll(secret.keySet());
                    // A key's hash must be well formed: the gateway refuses to start otherwise.
                    secret.forEach((key, value) -> problems.check(!key.endsWith("_SHA256")
                                    || String.valueOf(value).matches("[0-9a-f]{64}"),
                            name + ": Secret " + ref + " " + key + " is not a SHA-256 in hex"));
                    if (secret.isEmpty() && module.gateway()) {
                        envNames.add("SWITCHBOARD_SECURITY_KEYS_0_SHA256"); // created outside Git (EXTERNAL_SECRETS)
                    }
                }
            }
            for (String required : module.requiredEnv()) {
                problems.check(envNames.contains(required), name + ": the service reads " + required + " but the "
                        + kind + " does not set it (env or envFrom)");
            }
            problems.check(Yamls.same(at(env.get(module.portVariable()), "value"), module.port()),
                    name + ": " + module.portVariable() + " must be " + module.port() + " (the containerPort)");
            problems.check("metadata.name".equals(str(env.get("SWITCHBOARD_INSTANCE_ID"), "valueFrom.fieldRef.fieldPath")),
                    name + ": SWITCHBOARD_INSTANCE_ID must be the pod name (valueFrom.fieldRef.fieldPath: metadata.name)");
            Map<String, Object> token = env.get("SWITCHBOARD_SECURITY_GATEWAY_TOKEN");
            String tokenSecret = str(token, "valueFrom.secretKeyRef.name");
            problems.check(tokenSecret != null, name + ": SWITCHBOARD_SECURITY_GATEWAY_TOKEN must come from a Secret");
            if (tokenSecret != null) {
                Map<String, Object> secret = secret(all, tokenSecret, problems, overlay);
                String key = str(token, "valueFrom.secretKeyRef.key");
                problems.check(secret.isEmpty() || secret.containsKey(key),
                        name + ": Secret " + tokenSecret + " has no key " + key);
            }
            if (module.gateway()) {
                checkGateway(problems, env, envNames, services, all, overlay, build.rendered());
            }

            // A Service by the module's name on its port, selecting these pods.
            Map<String, Object> service = services.get(name);
            if (service == null) {
                problems.add(name + ": no Service named " + name + " (the gateway and compose use that name)");
            } else {
                problems.check(podLabels.entrySet().containsAll(map(service, "spec.selector").entrySet())
                                && !map(service, "spec.selector").isEmpty(),
                        name + ": Service selector " + map(service, "spec.selector") + " does not select its pods");
                problems.check(maps(service, "spec.ports").stream().anyMatch(p -> Yamls.same(p.get("port"), module.port())
                                && (Yamls.same(p.get("targetPort"), "http") || Yamls.same(p.get("targetPort"), module.port()))),
                        name + ": Service must expose port " + module.port() + " to the container's http port");
            }
            if (kind.equals("StatefulSet")) {
                Map<String, Object> governing = services.get(str(workload, "spec.serviceName"));
                problems.check(governing != null && "None".equals(str(governing, "spec.clusterIP")),
                        name + ": serviceName " + str(workload, "spec.serviceName") + " must be a headless Service");
            }
            // Disruption budget and autoscaler.
            problems.check(of(all, "PodDisruptionBudget").stream().anyMatch(pdb -> selects(map(pdb, "spec.selector.matchLabels"), podLabels)),
                    name + ": no PodDisruptionBudget selects its pods");
            List<Map<String, Object>> hpas = of(all, "HorizontalPodAutoscaler").stream()
                    .filter(h -> kind.equals(str(h, "spec.scaleTargetRef.kind")) && name.equals(str(h, "spec.scaleTargetRef.name")))
                    .toList();
            problems.check(hpas.size() == 1, name + ": expected one HorizontalPodAutoscaler targeting " + kind + "/" + name);
            for (Map<String, Object> hpa : hpas) {
                int max = Integer.parseInt(String.valueOf(at(hpa, "spec.maxReplicas")));
                int min = Integer.parseInt(String.valueOf(at(hpa, "spec.minReplicas")));
                problems.check(min >= 1 && min <= max, name + ": HPA minReplicas " + min + " / maxReplicas " + max);
                problems.check(module.gateway() || max <= partitions, name + ": HPA maxReplicas " + max
                        + " exceeds the " + partitions + " partitions: the extra instances would get no partition of the command topics");
            }
        }
        problems.assertNone();
    }

    private static void checkGateway(Problems problems, Map<String, Map<String, Object>> env, Set<String> envNames,
                                     Map<String, Map<String, Object>> services, List<Map<String, Object>> all, String overlay,
                                     boolean rendered) {
        Code.gatewayTargets().forEach((variable, target) -> {
            String url = str(env.get(variable), "value");
            String expected = "http://" + target.name() + ":" + target.port();
            problems.check(expected.equals(url), "notifier-gateway: " + variable + " = " + url + ", expected " + expected
                    + " (the " + target.name() + " Service)");
            problems.check(services.containsKey(target.name()), "notifier-gateway: " + variable + " names Service "
                    + target.name() + " that the overlay does not have");
        });
        String anonymous = str(env.get("SWITCHBOARD_SECURITY_ANONYMOUS_READS"), "value");
        // dev turns them on with a patch: only a rendered overlay shows it; unpatched, the base must keep them off.
        problems.check(overlay.equals("dev") && rendered ? "true".equals(anonymous) : "false".equals(anonymous),
                "notifier-gateway: anonymous reads must be " + (overlay.equals("dev") ? "on in dev" : "off outside dev")
                        + ", found " + anonymous);
        problems.check(envNames.contains("SWITCHBOARD_SECURITY_KEYS_0_SHA256"), "notifier-gateway: no API key (SWITCHBOARD_SECURITY_KEYS_0_SHA256)");
        // The Ingress: to the gateway's Service, with long timeouts for WebSocket and SSE.
        List<Map<String, Object>> ingresses = of(all, "Ingress");
        problems.check(ingresses.size() == 1, "expected one Ingress (the gateway's), found " + ingresses.size());
        for (Map<String, Object> ingress : ingresses) {
            boolean toGateway = maps(ingress, "spec.rules").stream().flatMap(r -> maps(r, "http.paths").stream())
                    .allMatch(p -> Code.GATEWAY.equals(str(p, "backend.service.name")));
            problems.check(toGateway, "Ingress " + name(ingress) + " must route only to the notifier-gateway Service");
            Map<String, Object> annotations = map(ingress, "metadata.annotations");
            for (String timeout : List.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout")) {
                Object value = annotations.get(timeout);
                problems.check(value != null && Integer.parseInt(String.valueOf(value)) >= 3600,
                        "Ingress " + name(ingress) + ": " + timeout + " must be at least 3600 (WebSocket and SSE), found " + value);
            }
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void onlyTheGatewayReachesTheServices(String overlay) {
        Kustomize.Build build = Kustomize.build(overlay);
        Problems problems = new Problems("overlay " + overlay + (build.rendered() ? " (rendered)" : " (resolved)"));
        List<Map<String, Object>> policies = of(build.resources(), "NetworkPolicy");
        Map<String, Object> gatewayLabels = Map.of();
        for (Map<String, Object> workload : build.resources()) {
            if (Code.GATEWAY.equals(name(workload)) && "Deployment".equals(kind(workload))) {
                gatewayLabels = map(workload, "spec.template.metadata.labels");
            }
        }
        for (Map<String, Object> workload : build.resources()) {
            if (!"StatefulSet".equals(kind(workload)) && !"Deployment".equals(kind(workload)) || Code.GATEWAY.equals(name(workload))) {
                continue;
            }
            Map<String, Object> labels = map(workload, "spec.template.metadata.labels");
            List<Map<String, Object>> applying = policies.stream()
                    .filter(p -> selects(map(p, "spec.podSelector.matchLabels"), labels))
                    .filter(p -> list(p, "spec.policyTypes").contains("Ingress")).toList();
            problems.check(!applying.isEmpty(), name(workload) + ": no NetworkPolicy isolates its ingress");
            for (Map<String, Object> policy : applying) {
                for (Map<String, Object> rule : maps(policy, "spec.ingress")) {
                    List<Map<String, Object>> from = maps(rule, "from");
                    problems.check(!from.isEmpty(), "NetworkPolicy " + name(policy) + " lets anyone reach " + name(workload));
                    for (Map<String, Object> peer : from) {
                        boolean gateway = peer.get("namespaceSelector") == null && peer.get("ipBlock") == null
                                && !map(peer, "podSelector.matchLabels").isEmpty()
                                && selects(map(peer, "podSelector.matchLabels"), gatewayLabels)
                                && Code.GATEWAY.equals(map(peer, "podSelector.matchLabels").get("app.kubernetes.io/name"));
                        boolean scraper = peer.get("podSelector") == null && peer.get("ipBlock") == null
                                && "true".equals(String.valueOf(map(peer, "namespaceSelector.matchLabels").get("switchboard.io/metrics-scraper")));
                        problems.check(gateway || scraper, "NetworkPolicy " + name(policy) + " lets " + peer + " reach "
                                + name(workload) + ": only the gateway (and a labelled metrics scraper namespace) may");
                    }
                }
            }
        }
        problems.assertNone();
    }

    // ------------------------------------------------------------------- helpers --

    private static void checkProbe(Problems problems, String name, Map<String, Object> container, String probe,
                                   String path, int port) {
        Object actual = at(container, probe + ".httpGet.path");
        Object probePort = at(container, probe + ".httpGet.port");
        problems.check(path.equals(actual), name + ": " + probe + " must GET " + path + ", found " + actual);
        problems.check("http".equals(String.valueOf(probePort)) || Yamls.same(probePort, port),
                name + ": " + probe + " must use the http port, found " + probePort);
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    static List<Map<String, Object>> of(List<Map<String, Object>> all, String kind) {
        return all.stream().filter(d -> kind.equals(kind(d))).toList();
    }

    static Map<String, Map<String, Object>> index(List<Map<String, Object>> docs) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        docs.forEach(d -> byName.put(name(d), d));
        return byName;
    }

    static Map<String, Object> one(List<Map<String, Object>> all, String kind, String name, Problems problems) {
        for (Map<String, Object> doc : all) {
            if (kind.equals(kind(doc)) && name.equals(name(doc))) {
                return doc;
            }
        }
        problems.add("no " + kind + " " + name);
        return Map.of();
    }

    static Map<String, Object> data(Map<String, Object> configMap) {
        return map(configMap, "data");
    }

    /** A Secret's keys and decoded values; empty for one created outside Git (allowed in the non-dev overlays). */
    static Map<String, Object> secret(List<Map<String, Object>> all, String name, Problems problems, String overlay) {
        for (Map<String, Object> doc : all) {
            if ("Secret".equals(kind(doc)) && name.equals(name(doc))) {
                Map<String, Object> values = new LinkedHashMap<>(map(doc, "stringData"));
                map(doc, "data").forEach((k, v) -> values.put(k,
                        new String(Base64.getMimeDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
                return values;
            }
        }
        boolean external = EXTERNAL_SECRETS.contains(name);
        problems.check(external && !overlay.equals("dev"), "Secret " + name + " is referenced but not in the overlay"
                + (external ? " (dev generates its Secrets)" : " and is not one of the documented " + EXTERNAL_SECRETS));
        if (external) {
            problems.check(Code.read(Code.ROOT.resolve("docs/production.md")).contains(name),
                    "docs/production.md must say how to create the Secret " + name);
        }
        return Map.of();
    }
}
