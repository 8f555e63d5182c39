package io.switchboard.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.switchboard.deploy.Yamls.at;
import static io.switchboard.deploy.Yamls.list;
import static io.switchboard.deploy.Yamls.map;
import static io.switchboard.deploy.Yamls.str;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/compose/compose.yaml and deploy/docker against the code and against the Kubernetes base: the same images,
 * ports, names and environment; the image non-root, health-checked and sized by the container's memory.
 */
class ComposeAndImageTest {

    static final Path COMPOSE = Code.ROOT.resolve("deploy/compose/compose.yaml");
    static final Path DOCKERFILE = Code.ROOT.resolve("deploy/docker/Dockerfile");
    static final Pattern DEFAULTED = Pattern.compile("^\\$\\{[A-Z0-9_]+:-(.*)}$");
    static final String GATEWAY_TOKEN_ENV = "SWITCHBOARD_SECURITY_GATEWAY_TOKEN";
    /** The property GatewayOnlyFilter and the gateway's SecurityProperties read: also the secret's file name. */
    static final String GATEWAY_TOKEN_PROPERTY = "switchboard.security.gateway-token";
    static final String SECRETS_DIR = "/run/secrets/";
    static final Path GATEWAY_ONLY_FILTER =
            Code.ROOT.resolve("web-support/src/main/java/io/switchboard/web/GatewayOnlyFilter.java");

    /** A compose value as it is when no variable is set: ${X:-default} gives default. */
    static String value(Object raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = DEFAULTED.matcher(String.valueOf(raw));
        return m.matches() ? m.group(1) : String.valueOf(raw);
    }

    @Test
    void composeRunsEveryServiceAsTheCodeAndKubernetesExpect() {
        Problems problems = new Problems("deploy/compose/compose.yaml");
        Map<String, Object> compose = Yamls.load(COMPOSE).get(0);
        Map<String, Object> services = map(compose, "services");
        problems.check(services.containsKey("kafka"), "no kafka service");
        // The broker: KRaft, and the address the services are given.
        Map<String, Object> kafkaEnv = map(services.get("kafka"), "environment");
        problems.check(String.valueOf(kafkaEnv.get("KAFKA_PROCESS_ROLES")).contains("controller"),
                "kafka must run in KRaft mode (KAFKA_PROCESS_ROLES broker,controller)");
        // The services' group session timeout and heartbeat must be allowed (as for Strimzi's Kafka resource).
        Map<String, Object> groupLimits = new java.util.HashMap<>();
        groupLimits.put("group.consumer.min.session.timeout.ms", kafkaEnv.get("KAFKA_GROUP_CONSUMER_MIN_SESSION_TIMEOUT_MS"));
        groupLimits.put("group.consumer.min.heartbeat.interval.ms", kafkaEnv.get("KAFKA_GROUP_CONSUMER_MIN_HEARTBEAT_INTERVAL_MS"));
        Map<String, Long> groupTimes = Code.groupTimeDefaults();
        KubernetesManifestsTest.checkAtMost(problems, groupLimits, "group.consumer.min.session.timeout.ms",
                groupTimes.get("sessionTimeout"));
        KubernetesManifestsTest.checkAtMost(problems, groupLimits, "group.consumer.min.heartbeat.interval.ms",
                groupTimes.get("heartbeatInterval"));
        problems.check(at(services.get("kafka"), "healthcheck.test") != null, "kafka has no healthcheck");
        String advertised = String.valueOf(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS"));

        List<Map<String, Object>> base = Kustomize.resolve(Kustomize.K8S.resolve("base"), new java.util.ArrayList<>());
        for (Code.Module module : Code.modules()) {
            String name = module.name();
            Object service = services.get(name);
            if (service == null) {
                problems.add("no compose service named " + name + " (the Kubernetes Service name)");
                continue;
            }
            // The same image as Kubernetes' base, built from the shared Dockerfile for this module.
            String image = str(service, "image");
            problems.check(module.image().equals(image), name + ": image " + image + ", expected " + module.image());
            String k8sImage = base.stream().filter(d -> name.equals(Yamls.name(d)) && List.of("Deployment", "StatefulSet").contains(Yamls.kind(d)))
                    .map(d -> str(Yamls.maps(d, "spec.template.spec.containers").get(0), "image")).findFirst().orElse(null);
            problems.check(module.image().equals(k8sImage), name + ": Kubernetes base image " + k8sImage + " differs from compose's " + image);
            problems.check("deploy/docker/Dockerfile".equals(str(service, "build.dockerfile"))
                            && Files.isRegularFile(COMPOSE.getParent().resolve(str(service, "build.context")).resolve(str(service, "build.dockerfile"))),
                    name + ": build must use deploy/docker/Dockerfile from the repository root");
            problems.check(name.equals(str(service, "build.args.MODULE")), name + ": build arg MODULE must be " + name);
            problems.check(Yamls.same(str(service, "build.args.PORT"), module.port()), name + ": build arg PORT must be " + module.port());
            // Environment: everything the service reads; the instance id left to the image (the container's hostname).
            Map<String, Object> env = map(service, "environment");
            for (String required : module.requiredEnv()) {
                if (required.equals(GATEWAY_TOKEN_ENV)) {
                    checkGatewayTokenSecret(problems, compose, name, service, env);
                } else if (required.equals("SWITCHBOARD_INSTANCE_ID")) {
                    problems.check(!env.containsKey(required), name + ": a fixed SWITCHBOARD_INSTANCE_ID would be shared by the replicas of --scale");
                } else {
                    problems.check(env.containsKey(required), name + ": the service reads " + required + ", compose does not set it");
                }
            }
            problems.check(Yamls.same(env.get(module.portVariable()), module.port()), name + ": " + module.portVariable() + " must be " + module.port());
            String bootstrap = String.valueOf(env.get("KAFKA_BOOTSTRAP_SERVERS"));
            problems.check(advertised.contains("://" + bootstrap), name + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap
                    + " is not a listener the broker advertises (" + advertised + ")");
            // Health and start order.
            problems.check(String.valueOf(at(service, "healthcheck.test")).contains("/app/healthcheck.sh"), name + ": no healthcheck");
            Map<String, Object> dependsOn = map(service, "depends_on");
            problems.check("service_healthy".equals(str(dependsOn, "kafka.condition")), name + ": must depend on kafka being healthy");
            if (module.gateway()) {
                for (Code.Module other : Code.modules()) {
                    if (!other.gateway()) {
                        problems.check("service_healthy".equals(str(dependsOn, other.name() + ".condition")),
                                "the gateway must start after " + other.name() + " is healthy");
                    }
                }
                Code.gatewayTargets().forEach((variable, target) -> problems.check(
                        ("http://" + target.name() + ":" + target.port()).equals(String.valueOf(env.get(variable))),
                        "notifier-gateway: " + variable + " = " + env.get(variable) + ", expected http://" + target.name() + ":" + target.port()));
                String hash = value(env.get("SWITCHBOARD_SECURITY_KEYS_0_SHA256"));
                problems.check(hash != null && hash.matches("[0-9a-f]{64}"), "notifier-gateway: SWITCHBOARD_SECURITY_KEYS_0_SHA256 must default to a SHA-256");
                problems.check(list(service, "ports").stream().anyMatch(p -> String.valueOf(p).endsWith(":" + module.port())),
                        "notifier-gateway: port " + module.port() + " must be published");
            } else {
                problems.check(list(service, "ports").isEmpty(), name + ": only the gateway is published; the services trust it");
            }
        }
        problems.assertNone();
    }

    /**
     * The gateway token reaches every container as a compose secret, not as an environment value: a file mounted under
     * /run/secrets/ by the name of the property the code reads, which Spring Boot's configtree import turns into that
     * property; the file itself is git-ignored.
     */
    private static void checkGatewayTokenSecret(Problems problems, Map<String, Object> compose, String name,
                                                Object service, Map<String, Object> env) {
        problems.check(!env.containsKey(GATEWAY_TOKEN_ENV), name + ": " + GATEWAY_TOKEN_ENV
                + " must come from the gateway-token secret, not the environment (which would win over the file)");
        problems.check(Code.read(GATEWAY_ONLY_FILTER).contains("${" + GATEWAY_TOKEN_PROPERTY + ":"),
                "web-support's GatewayOnlyFilter no longer reads " + GATEWAY_TOKEN_PROPERTY
                        + ": the secret's file name must be the property it reads");
        String imports = String.valueOf(env.get("SPRING_CONFIG_IMPORT"));
        problems.check(imports.contains("configtree:" + SECRETS_DIR), name + ": SPRING_CONFIG_IMPORT must import "
                + "configtree:" + SECRETS_DIR + " (it is " + env.get("SPRING_CONFIG_IMPORT") + ")");
        Map<String, Object> mounted = Yamls.maps(service, "secrets").stream()
                .filter(secret -> GATEWAY_TOKEN_PROPERTY.equals(str(secret, "target"))
                        || (SECRETS_DIR + GATEWAY_TOKEN_PROPERTY).equals(str(secret, "target")))
                .findFirst().orElse(null);
        if (mounted == null) {
            problems.add(name + ": no secret mounted as " + SECRETS_DIR + GATEWAY_TOKEN_PROPERTY
                    + " (secrets: - source: ..., target: " + GATEWAY_TOKEN_PROPERTY + ")");
            return;
        }
        String source = str(mounted, "source");
        Map<String, Object> secret = map(map(compose, "secrets"), source);
        String file = value(secret.get("file"));
        problems.check(file != null && !file.isBlank(), name + ": the top-level secret " + source
                + " must name a file (it holds the token)");
        if (file != null && !file.isBlank()) {
            Path path = COMPOSE.getParent().resolve(file).normalize();
            problems.check(ignored(path), "the gateway token file " + Code.ROOT.relativize(path)
                    + " is not git-ignored (add it to deploy/compose/.gitignore)");
        }
    }

    /** Whether a .gitignore beside the file (or the repository's own) names the file, as a plain entry. */
    private static boolean ignored(Path file) {
        for (Path ignore : List.of(file.resolveSibling(".gitignore"), Code.ROOT.resolve(".gitignore"))) {
            if (Files.isRegularFile(ignore) && Code.read(ignore).lines().map(String::trim)
                    .anyMatch(line -> line.equals(file.getFileName().toString())
                            || line.equals("/" + Code.ROOT.relativize(file)))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theImageIsNonRootHealthCheckedAndSizedByItsContainer() {
        Problems problems = new Problems("deploy/docker/Dockerfile");
        String dockerfile = Code.read(DOCKERFILE);
        problems.check(dockerfile.lines().filter(l -> l.startsWith("FROM ")).count() >= 2, "must be multi-stage (a build stage and a runtime stage)");
        problems.check(Pattern.compile("(?m)^FROM \\$\\{RUNTIME_IMAGE}").matcher(dockerfile).find()
                        && Pattern.compile("ARG RUNTIME_IMAGE=eclipse-temurin:17-jre").matcher(dockerfile).find(),
                "the runtime stage must be a Java 17 JRE");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        String lastUser = null;
        while (user.find()) {
            lastUser = user.group(1);
        }
        problems.check(lastUser != null && !lastUser.startsWith("0") && !lastUser.startsWith("root"), "must run as a non-root USER, found " + lastUser);
        problems.check(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("/app/healthcheck.sh"), "no HEALTHCHECK");
        problems.check(Code.read(DOCKERFILE.resolveSibling("healthcheck.sh")).contains("/actuator/health/readiness"),
                "healthcheck.sh must ask /actuator/health/readiness");
        problems.check(dockerfile.contains("-XX:MaxRAMPercentage="), "the JVM must size its heap by the container (-XX:MaxRAMPercentage)");
        problems.check(dockerfile.contains("SWITCHBOARD_INSTANCE_ID:-$(hostname)"), "the entrypoint must default SWITCHBOARD_INSTANCE_ID to the hostname");
        problems.check(dockerfile.contains("${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar"), "must copy the module's -exec.jar");
        for (String module : Code.MODULES) {
            String pom = Code.read(Code.ROOT.resolve(module).resolve("pom.xml"));
            problems.check(pom.contains("<classifier>exec</classifier>"), module + "/pom.xml no longer builds the -exec.jar the image runs");
        }
        // The build script and the Kubernetes run-as user agree with the image.
        String script = Code.read(DOCKERFILE.resolveSibling("build-images.sh"));
        for (Code.Module module : Code.modules()) {
            problems.check(script.contains("\"" + module.name() + " " + module.port() + "\""), "build-images.sh must build " + module.name() + " with port " + module.port());
        }
        problems.check(Code.read(Kustomize.K8S.resolve("base/task-service.yaml")).contains("runAsUser: 10001")
                && dockerfile.contains("--uid 10001"), "the image's user (10001) and Kubernetes' runAsUser must agree");
        problems.assertNone();
    }

    @Test
    void dockerComposeAcceptsTheFile() {
        List<List<String>> candidates = List.of(List.of("docker", "compose"), List.of("docker-compose"));
        for (List<String> candidate : Tools.OFF ? List.<List<String>>of() : candidates) {
            var version = Kustomize.run(concat(candidate, "version"), 60);
            if (version.isEmpty() || version.get().code() != 0) {
                continue;
            }
            var config = Kustomize.run(concat(candidate, "-f", COMPOSE.toString(), "config", "-q"), 60).orElseThrow();
            assertTrue(config.code() == 0, String.join(" ", candidate) + " config rejects compose.yaml:\n" + config.err());
            return;
        }
        Tools.missing("neither `docker compose` nor `docker-compose` is installed: compose.yaml was only parsed and checked here");
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
