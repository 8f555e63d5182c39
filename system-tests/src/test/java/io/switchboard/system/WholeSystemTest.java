package io.switchboard.system;

import io.switchboard.simulator.AgentPlan;
import io.switchboard.simulator.Simulation;
import io.switchboard.simulator.SimulationOptions;
import io.switchboard.simulator.SimulationReport;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as its users run it: a real broker and the five services as their own processes, started by
 * the run command, used through the gateway only (the services' own ports refuse anything else), then checked from
 * the Kafka log alone. The chaos run kills every
 * service in turn with SIGKILL under load, then the broker, and proves that nothing acknowledged was lost, no task
 * was held by two agents, no agent went over its limit, every SLA violation came once and every task ended.
 * {@code -Dswitchboard.soak=true} runs more load and three rounds of kills.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSystemTest {

    private static final boolean SOAK = Boolean.getBoolean("switchboard.soak");
    private static final List<String> SERVICES = List.of("task-service", "agent-registry-service",
            "assignment-service", "sla-monitor-service", "notifier-gateway");
    private static final LocalStack STACK = new LocalStack();
    private static Api api;
    private static String key;

    @BeforeAll
    static void up() {
        STACK.up();
        api = new Api(LocalStack.GATEWAY_PORT);
        key = STACK.adminKey();
    }

    @AfterAll
    static void down() {
        STACK.close();
    }

    @Test
    @Order(1)
    void theSeedContractAndItsFiveLiveEventsThroughTheGateway() {
        Frames frames = Frames.open(STACK.gateway() + "/ws");
        assertThat(api.get("/api/tasks").json().get("tasks").size()).isEqualTo(10);
        assertThat(api.get("/api/tasks/TASK-001").task().get("name").asString()).isEqualTo("Testing Infrastructure");
        assertThat(api.get("/api/agents").json().get("count").asInt()).isEqualTo(6);
        assertThat(api.get("/api/sla").json().get("success").asBoolean()).isTrue();
        assertThat(api.post("/api/tasks", "{\"name\":\"no key\"}").status()).isEqualTo(401);

        write("POST", "/api/agents", "{\"id\":\"sys-agent\",\"capabilities\":[\"sys-x\"],\"maxConcurrentTasks\":1,"
                + "\"heartbeatIntervalMs\":0}", 201);
        write("POST", "/api/tasks", "{\"id\":\"SYS-1\",\"name\":\"System\",\"priority\":\"P1\","
                + "\"requiredCapabilities\":[\"sys-x\"]}", 201);
        JsonNode assigned = frames.await("task:assigned", f -> f.at("/data/task/id").asString().equals("SYS-1"));
        assertThat(assigned.at("/data/agent/id").asString()).isEqualTo("sys-agent");
        frames.await("agent:overload", f -> f.at("/data/agent/id").asString().equals("sys-agent"));
        write("PUT", "/api/tasks/SYS-1/progress", "{\"progress\":40}", 200);
        frames.await("task:updated", f -> f.at("/data/task/id").asString().equals("SYS-1")
                && f.at("/data/task/progress").asInt() == 40);
        write("POST", "/api/tasks/SYS-1/fail", "{\"reason\":\"Agent timeout\"}", 200);
        JsonNode failed = frames.await("task:failed", f -> f.at("/data/task/id").asString().equals("SYS-1"));
        assertThat(failed.at("/data/reason").asString()).isEqualTo("Agent timeout");
        write("POST", "/api/tasks", "{\"id\":\"SYS-LATE\",\"name\":\"Nobody can\",\"priority\":\"P0\","
                + "\"requiredCapabilities\":[\"nobody\"],\"dueAt\":\"" + Instant.now().plusSeconds(2) + "\"}", 201);
        frames.await("task:sla-violation", f -> f.at("/data/task/id").asString().equals("SYS-LATE"));
        write("POST", "/api/tasks/SYS-LATE/cancel", "{\"reason\":\"seen late\"}", 200);
        frames.close();
    }

    /**
     * The services listen on loopback only and answer only the gateway: an anonymous write (or read) sent straight to
     * a service's port is refused with 401 and changes nothing; the same write through the gateway with the admin key
     * is applied. The gateway token is new on every up, kept in a file only its owner reads, and never printed.
     */
    @Test
    @Order(2)
    void aRequestThatBypassesTheGatewayIsRefusedAndChangesNothing() throws IOException {
        Api tasks = new Api(LocalStack.TASK_PORT);
        Api agents = new Api(LocalStack.AGENT_PORT);
        Api assignment = new Api(LocalStack.ASSIGNMENT_PORT);
        Api sla = new Api(LocalStack.SLA_PORT);
        JsonNode agentBefore = api.get("/api/agents/copilot-agent").json().get("agent");
        JsonNode taskBefore = api.get("/api/tasks/TASK-007").task();
        assertThat(taskBefore.get("status").asString()).isEqualTo("PENDING");
        String bypass = "{\"id\":\"BYPASS-1\",\"name\":\"Not through the gateway\",\"priority\":\"P0\"}";

        refused(tasks.post("/api/tasks", bypass));
        refused(tasks.post("/api/tasks", bypass, "X-Switchboard-Gateway-Token", "a-guess"));
        refused(tasks.post("/api/tasks", bypass, "X-API-Key", key)); // a user's key is no gateway token
        refused(tasks.get("/api/tasks"));
        refused(agents.raw("DELETE", "/api/agents/copilot-agent", null));
        refused(agents.put("/api/agents/copilot-agent/status", "{\"status\":\"OFFLINE\"}"));
        refused(assignment.post("/api/tasks/TASK-007/assign", "{}"));
        refused(sla.get("/api/sla"));
        refused(sla.get("/api/sla/report"));

        assertThat(api.get("/api/tasks/BYPASS-1").status()).isEqualTo(404);
        assertThat(api.get("/api/agents/copilot-agent").json().get("agent")).isEqualTo(agentBefore);
        assertThat(api.get("/api/tasks/TASK-007").task()).isEqualTo(taskBefore);
        // Health stays open on every service port (./switchboard status, probes); the API document is the gateway's to
        // fetch (with the token) and merge for everyone.
        for (Api service : List.of(tasks, agents, assignment, sla)) {
            assertThat(service.get("/actuator/health/readiness").status()).isEqualTo(200);
            refused(service.get("/v3/api-docs"));
        }
        JsonNode docs = api.get("/v3/api-docs").json();
        assertThat(docs.has("x-unavailable")).as("services left out of the merged API document: %s",
                docs.get("x-unavailable")).isFalse();
        assertThat(docs.get("paths").has("/api/tasks/{taskId}/assign")).isTrue();

        write("POST", "/api/tasks", bypass, 201);
        write("POST", "/api/tasks/TASK-007/assign", "{}", 200);
        assertThat(api.get("/api/tasks/TASK-007").task().get("agent").asString()).isEqualTo("agent-qr-feature");
        write("PUT", "/api/agents/copilot-agent/status", "{\"status\":\"OFFLINE\"}", 200);
        write("DELETE", "/api/agents/copilot-agent", null, 200);
        assertThat(api.get("/api/sla").status()).isEqualTo(200);

        Path token = STACK.gatewayTokenFile();
        assertThat(Files.getPosixFilePermissions(token))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String secret = Files.readString(token).trim();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(STACK.upOutput()).doesNotContain(secret);

        // Loopback only: from the machine's own non-loopback address the gateway answers and the services do not.
        InetAddress outside = nonLoopbackAddress();
        if (outside == null || !connects(outside, LocalStack.GATEWAY_PORT)) {
            System.out.println("loopback-only check skipped: " + (outside == null ? "this machine has no non-loopback "
                    + "address" : "the gateway does not answer on " + outside.getHostAddress()));
            return;
        }
        for (int port : List.of(LocalStack.TASK_PORT, LocalStack.AGENT_PORT, LocalStack.ASSIGNMENT_PORT,
                LocalStack.SLA_PORT)) {
            assertThat(connects(outside, port)).as("a service answers on %s:%d", outside.getHostAddress(), port)
                    .isFalse();
        }
    }

    private static void refused(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.json().get("field").asString()).isEqualTo("X-Switchboard-Gateway-Token");
    }

    /** An address of this machine that is neither loopback nor link-local, IPv4 first; null when there is none. */
    private static InetAddress nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()
                        && !address.isAnyLocalAddress())
                .min(Comparator.comparing(address -> address instanceof Inet4Address ? 0 : 1))
                .orElse(null);
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Order(3)
    void everyTaskOfASimulatedRunEnds() throws Exception {
        SimulationOptions options = options("life", 8, SOAK ? 50 : 20, SOAK ? 2000 : 200);
        SimulationReport report = new Simulation(options, System.out).run();
        System.out.println(report.summary());
        assertThat(report.created()).isEqualTo(options.tasks());
        assertThat(report.stillOpen()).as("open: %s", report.openTaskIds()).isZero();
        KafkaLog log = KafkaLog.read(STACK.bootstrapServers(), options.taskPrefix());
        assertThat(log.states()).hasSize(options.tasks());
        assertThat(log.notFinal()).isEmpty();
        assertThat(log.heldByTwo()).isEmpty();
        assertThat(log.overLimit(limits(options))).isEmpty();
    }

    @Test
    @Order(4)
    void underLoadEveryServiceAndThenTheBrokerIsKilledAndNothingAcknowledgedIsLost() throws Exception {
        SimulationOptions options = options("chaos", 10, SOAK ? 40 : 10, 0);
        Simulation simulation = new Simulation(options, System.out);
        CompletableFuture<SimulationReport> run = CompletableFuture.supplyAsync(() -> {
            try {
                return simulation.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> late = List.of("CHAOS-LATE-1", "CHAOS-LATE-2", "CHAOS-LATE-3");
        for (String id : late) {
            write("POST", "/api/tasks", "{\"id\":\"" + id + "\",\"name\":\"Nobody can\",\"priority\":\"P0\","
                    + "\"requiredCapabilities\":[\"nobody\"],\"dueAt\":\"" + Instant.now().plusSeconds(20) + "\"}", 201);
        }
        for (int round = 0; round < (SOAK ? 3 : 1); round++) {
            for (String service : SERVICES) {
                underLoad(simulation, run);
                STACK.kill(service);
                STACK.start(service);
            }
            underLoad(simulation, run);
            STACK.kill("broker");
            readsGoOnWhileTheBrokerIsDown(late.get(0));
            STACK.start("broker");
        }
        underLoad(simulation, run);
        simulation.stopCreating();
        SimulationReport report = run.get();
        System.out.println(report.summary());
        for (String id : late) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> api.raw("POST",
                    "/api/tasks/" + id + "/cancel", "{\"reason\":\"chaos over\"}", "X-API-Key", key).status() == 200);
        }
        // Restarted by ./switchboard start, each service kept the running system's gateway token: the gateway's
        // writes went through (above), and a write straight to a service is still refused.
        refused(new Api(LocalStack.TASK_PORT).post("/api/tasks", "{\"name\":\"after the chaos\"}"));

        KafkaLog[] log = new KafkaLog[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            log[0] = KafkaLog.read(STACK.bootstrapServers(), options.taskPrefix());
            return log[0].notFinal().isEmpty();
        });
        Set<String> acknowledged = simulation.acknowledged();
        assertThat(acknowledged).hasSizeGreaterThan(50);
        assertThat(log[0].states().keySet()).as("acknowledged tasks in task.state").containsAll(acknowledged);
        assertThat(log[0].heldByTwo()).isEmpty();
        assertThat(log[0].overLimit(limits(options))).isEmpty();
        KafkaLog lateLog = KafkaLog.read(STACK.bootstrapServers(), "CHAOS-LATE-");
        assertThat(lateLog.violations()).as("one violation per late task").isEqualTo(
                late.stream().collect(Collectors.toMap(id -> id, id -> 1)));
        assertThat(log[0].violations().values()).allMatch(count -> count == 1);
    }

    /**
     * With the broker down, a read through the gateway does not hang: within a second it answers from the service's
     * memory, marked stale with its age; a read that asks for a version the service has not seen gets a fast 503.
     */
    private static void readsGoOnWhileTheBrokerIsDown(String task) {
        List<Long> tookMs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            Answer read = api.get("/api/tasks/" + task);
            tookMs.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.task().get("id").asString()).isEqualTo(task);
            assertThat(Long.parseLong(read.header("X-Switchboard-Stale-Ms"))).isNotNegative();
        }
        long started = System.nanoTime();
        Answer unseen = api.raw("GET", "/api/tasks/" + task, null, "X-Switchboard-Min-Version", "1000000");
        long unseenMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf("reads with the broker down: %s ms; one asking for a version not seen: %d ms%n", tookMs,
                unseenMs);
        assertThat(unseen.status()).as(unseen.body()).isEqualTo(503);
        assertThat(unseen.header("Retry-After")).isNotBlank();
        // About half a second each here (switchboard.read-stale-after is 500 ms); the first, right after the
        // SIGKILL with the simulation's agents retrying, took up to 2.2 s in a clean-clone run. Before, a read waited
        // for Kafka: 15 to 69 s.
        assertThat(tookMs.stream().sorted().toList().get(2)).as("the median read, ms").isLessThan(1_000);
        assertThat(tookMs).as("every read, ms").allMatch(ms -> ms < 5_000);
        assertThat(unseenMs).as("the read of a version not seen, ms").isLessThan(2_000);
    }

    /** Waits until the simulation has had some tasks acknowledged and some ended since the call. */
    private static void underLoad(Simulation simulation, CompletableFuture<SimulationReport> run) {
        long created = simulation.created();
        long ended = simulation.ended();
        await().atMost(Duration.ofSeconds(180)).until(() -> {
            if (run.isDone()) {
                run.join();
                throw new IllegalStateException("the simulation ended early");
            }
            return simulation.created() >= created + 20 && simulation.ended() >= ended + 10;
        });
    }

    private static SimulationOptions options(String run, int agents, double rate, int tasks) {
        String runId = run + Long.toString(System.currentTimeMillis() % 100_000, 36);
        return new SimulationOptions(URI.create(STACK.gateway()), key, agents, 3,
                List.of("sim-code", "sim-review", "sim-docs"), rate, Duration.ofMinutes(30), tasks, 0.1,
                Duration.ofMillis(100), Duration.ofMillis(600), Duration.ofSeconds(120), runId, 7);
    }

    private static Map<String, Integer> limits(SimulationOptions options) {
        return new AgentPlan(options).agents().stream()
                .collect(Collectors.toMap(AgentPlan.Agent::id, AgentPlan.Agent::capacity));
    }

    private static void write(String method, String path, String body, int expected) {
        Answer answer = api.raw(method, path, body, "X-API-Key", key);
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isEqualTo(expected);
    }

    /** A WebSocket client of the gateway's live events that keeps every frame. */
    private static final class Frames implements WebSocket.Listener {
        private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Frames open(String url) {
            Frames frames = new Frames();
            frames.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url.replaceFirst("^http", "ws")), frames).join();
            return frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JsonMapper.shared().readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode await(String event, Predicate<JsonNode> which) {
            JsonNode[] found = new JsonNode[1];
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                found[0] = frames.stream().filter(f -> f.path("event").asString().equals(event)).filter(which)
                        .findFirst().orElse(null);
                return found[0] != null;
            });
            return found[0];
        }

        void close() {
            socket.abort();
        }
    }
}
