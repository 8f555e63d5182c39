package io.switchboard.gateway;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.sla.SlaMonitorApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.clock.MutableClock;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.metrics.Prometheus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system, observed: readiness groups on every service, /actuator/prometheus series that move when tasks
 * move (tasks, queue depth, latency, SLA, agents, lag, live clients), the API documents through the gateway, request
 * ids end to end, and the Grafana dashboard naming only metrics that exist.
 */
@WithKafka
class ObservabilitySystemTest {

    private static final String PREFIX = "obs-sys-";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static ConfigurableApplicationContext tasks;
    private static ConfigurableApplicationContext agents;
    private static ConfigurableApplicationContext assignment;
    private static ConfigurableApplicationContext sla;
    private static ConfigurableApplicationContext gateway;
    private static Api api;

    @BeforeAll
    static void start() {
        tasks = on(TaskServiceApplication.application()).run(args("tasks"));
        agents = on(AgentRegistryApplication.application()).run(args("agents"));
        assignment = on(AssignmentApplication.application()).run(args("assignment"));
        sla = on(SlaMonitorApplication.application()).run(args("sla"));
        gateway = GatewayApplication.application().run("--server.port=0",
                "--switchboard.security.enabled=false",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--switchboard.gateway.tasks-url=http://localhost:" + port(tasks),
                "--switchboard.gateway.agents-url=http://localhost:" + port(agents),
                "--switchboard.gateway.assignment-url=http://localhost:" + port(assignment),
                "--switchboard.gateway.sla-url=http://localhost:" + port(sla));
        api = new Api(port(gateway));
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {gateway, sla, assignment,
                agents, tasks}) {
            if (context != null) {
                context.close();
            }
        }
    }

    private static SpringApplicationBuilder on(SpringApplicationBuilder application) {
        return application.initializers(context -> context.getBeanFactory().registerSingleton("clock", CLOCK));
    }

    private static String[] args(String instance) {
        return new String[] {"--server.port=0", "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + instance};
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static Api direct(ConfigurableApplicationContext context) {
        return new Api(port(context));
    }

    private static double metric(ConfigurableApplicationContext service, String name, String... labels) {
        return Prometheus.scrape(direct(service)).require(name, labels);
    }

    @Test
    void everyServiceIsReadyOnlyWithItsKafkaStateCaughtUp() {
        Map<ConfigurableApplicationContext, List<String>> components = Map.of(
                tasks, List.of("taskRuntime"), agents, List.of("agentRuntime", "holdingsRuntime"),
                assignment, List.of("assignment"), sla, List.of("slaRuntime"));
        components.forEach((service, names) -> {
            Answer readiness = direct(service).get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
            for (String name : names) {
                JsonNode component = readiness.json().get("components").get(name);
                assertThat(component.get("status").asString()).as(name).isEqualTo("UP");
                assertThat(component.get("details").get("caughtUp").asBoolean()).as(name).isTrue();
            }
            assertThat(direct(service).get("/actuator/health/liveness").json().get("status").asString())
                    .isEqualTo("UP");
        });
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void metricsMoveWhenTasksMove() {
        double idle = metric(agents, "switchboard_agents", "status", "IDLE");
        double overloaded = metric(agents, "switchboard_agents", "status", "OVERLOADED");
        double queued = metric(assignment, "switchboard_assignment_queue_depth", "priority", "P0");
        double pending = metric(tasks, "switchboard_tasks", "status", "PENDING", "priority", "P0");
        double assignedCount = metric(tasks, "switchboard_assignment_latency_seconds_count");
        double warnings = metric(sla, "switchboard_sla_warnings_total", "priority", "P0");
        double violations = metric(sla, "switchboard_sla_violations_total", "priority", "P0");

        assertThat(api.post("/api/agents", "{\"id\":\"obs-agent\",\"capabilities\":[\"obs\"],"
                + "\"maxConcurrentTasks\":1,\"heartbeatIntervalMs\":0}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(metric(agents, "switchboard_agents", "status", "IDLE")).isEqualTo(idle + 1));

        // Nobody can do this one: it waits in the queue.
        assertThat(api.post("/api/tasks", "{\"id\":\"OBS-WAIT\",\"name\":\"Waits\",\"priority\":\"P0\","
                + "\"requiredCapabilities\":[\"nobody-has-this\"]}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric(assignment, "switchboard_assignment_queue_depth", "priority", "P0"))
                    .isEqualTo(queued + 1);
            assertThat(metric(tasks, "switchboard_tasks", "status", "PENDING", "priority", "P0"))
                    .isEqualTo(pending + 1);
        });

        // This one is assigned at once (AUTO): the latency is recorded and the agent is full.
        assertThat(api.post("/api/tasks", "{\"id\":\"OBS-GO\",\"name\":\"Goes\",\"priority\":\"P0\","
                + "\"requiredCapabilities\":[\"obs\"]}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(metric(tasks, "switchboard_tasks", "status", "ASSIGNED", "priority", "P0")).isPositive();
            assertThat(metric(tasks, "switchboard_assignment_latency_seconds_count")).isEqualTo(assignedCount + 1);
            assertThat(metric(agents, "switchboard_agents", "status", "OVERLOADED")).isEqualTo(overloaded + 1);
            assertThat(metric(agents, "switchboard_agents", "status", "IDLE")).isEqualTo(idle);
        });
        assertThat(Prometheus.scrape(direct(tasks)).find("switchboard_assignment_latency_seconds_bucket"))
                .hasSizeGreaterThan(10);

        // Past 80% of the P0 budget (1 hour): warned; past the budget: violated, once each per task.
        CLOCK.advance(Duration.ofMinutes(50));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(metric(sla, "switchboard_sla_warnings_total", "priority", "P0")).isEqualTo(warnings + 2));
        CLOCK.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(metric(sla, "switchboard_sla_violations_total", "priority", "P0")).isEqualTo(violations + 2));

        for (ConfigurableApplicationContext service : List.of(tasks, agents, assignment, sla)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Prometheus.scrape(direct(service))
                    .find("switchboard_consumer_lag", "consumer", "state"))
                    .isNotEmpty().allSatisfy(sample -> assertThat(sample.value()).isZero()));
        }
    }

    @Test
    void liveClientsAreCountedPerTransport() throws Exception {
        double sse = metric(gateway, "switchboard_gateway_live_clients", "transport", "sse");
        double ws = metric(gateway, "switchboard_gateway_live_clients", "transport", "websocket");
        CompletableFuture<HttpResponse<InputStream>> stream = CLIENT.sendAsync(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port(gateway) + "/api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        WebSocket socket = CLIENT.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port(gateway)
                + "/ws"), new WebSocket.Listener() { }).join();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric(gateway, "switchboard_gateway_live_clients", "transport", "sse")).isEqualTo(sse + 1);
            assertThat(metric(gateway, "switchboard_gateway_live_clients", "transport", "websocket"))
                    .isEqualTo(ws + 1);
        });
        assertThat(metric(gateway, "switchboard_gateway_live_clients", "transport", "socketio")).isZero();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        stream.join().body().close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric(gateway, "switchboard_gateway_live_clients", "transport", "sse")).isEqualTo(sse);
            assertThat(metric(gateway, "switchboard_gateway_live_clients", "transport", "websocket")).isEqualTo(ws);
        });
    }

    @Test
    void theApiDocumentsAreServedThroughTheGateway() {
        Answer merged = api.get("/v3/api-docs");
        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.json().get("openapi").asString()).startsWith("3.");
        JsonNode paths = merged.json().get("paths");
        for (String path : List.of("/api/tasks", "/api/tasks/{taskId}", "/api/agents", "/api/agents/{agentId}",
                "/api/tasks/{taskId}/assign", "/api/sla")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(merged.json().has("x-unavailable")).isFalse();
        for (String service : List.of("tasks", "agents", "assignment", "sla", "gateway")) {
            Answer own = api.get("/v3/api-docs/" + service);
            assertThat(own.status()).as(service).isEqualTo(200);
            assertThat(own.json().get("openapi").asString()).as(service).startsWith("3.");
        }
        assertThat(api.get("/v3/api-docs/gateway").json().get("paths").has("/api/events")).isTrue();
        Answer ui = api.get("/api/docs");
        assertThat(ui.status()).isIn(200, 302);
        if (ui.status() == 302) {
            String location = ui.header("Location");
            assertThat(api.get(location.replaceFirst("^https?://[^/]+", "")).status()).isEqualTo(200);
        }
        Answer config = api.get("/v3/api-docs/gateway/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("urls").valueStream().map(url -> url.get("url").asString()))
                .contains("/v3/api-docs", "/v3/api-docs/tasks", "/v3/api-docs/sla");
        Answer asyncApi = api.get("/asyncapi.yaml");
        assertThat(asyncApi.status()).isEqualTo(200);
        assertThat(asyncApi.body()).contains("asyncapi: 3.0.0").contains("address: task.created");
    }

    /**
     * A browser or an agent keeps one connection open for request after request. Reactor Netty 1.3.7 could stop reading
     * such a connection after an answer that was ready at once (reactor-netty#4361): here about one pair in twenty of
     * these two documents left the next request unread until the client gave up.
     */
    @Test
    void oneKeepAliveConnectionAnswersEveryRequestInTurn() throws Exception {
        HttpClient oneConnection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 100; i++) {
            for (String path : List.of("/api/swagger-ui/index.html", "/asyncapi.yaml")) {
                HttpResponse<String> answer = oneConnection.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port(gateway) + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path + ", round " + i).isEqualTo(200);
            }
        }
    }

    @Test
    void aRequestIdGoesThroughTheGatewayToTheServiceAndBack() {
        Answer given = api.raw("GET", "/api/tasks?limit=1", null, "X-Request-Id", "obs-req-1");
        assertThat(given.status()).isEqualTo(200);
        assertThat(given.headers().get("X-Request-Id")).containsExactly("obs-req-1");
        Answer fresh = api.get("/api/agents");
        assertThat(fresh.headers().get("X-Request-Id")).hasSize(1);
        assertThat(fresh.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void theDashboardNamesOnlyMetricsTheServicesExpose() throws Exception {
        // Make sure the histogram and counters have series (they exist from the start, at 0).
        Set<String> exposed = new HashSet<>();
        for (ConfigurableApplicationContext service : List.of(tasks, agents, assignment, sla, gateway)) {
            Prometheus.scrape(direct(service)).samples().forEach(sample -> exposed.add(sample.name()));
        }
        JsonNode dashboard = JsonMapper.builder().build().readTree(
                Files.readString(Path.of("..", "deploy", "grafana", "switchboard-dashboard.json")));
        Pattern metricName = Pattern.compile("\\b(switchboard_[a-z_]+)\\b");
        Set<String> referenced = new HashSet<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> {
            Matcher matcher = metricName.matcher(target.get("expr").asString());
            while (matcher.find()) {
                referenced.add(matcher.group(1));
            }
        }));
        assertThat(referenced).contains("switchboard_tasks", "switchboard_assignment_queue_depth",
                "switchboard_assignment_latency_seconds_bucket", "switchboard_sla_warnings_total",
                "switchboard_sla_violations_total", "switchboard_agents", "switchboard_consumer_lag",
                "switchboard_gateway_live_clients");
        assertThat(exposed).containsAll(referenced);
        // Every series the dashboard filters by application carries that label.
        assertThat(Prometheus.scrape(direct(tasks)).find("switchboard_tasks", "application", "task-service"))
                .isNotEmpty();
    }
}
