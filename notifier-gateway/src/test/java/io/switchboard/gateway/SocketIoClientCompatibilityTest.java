package io.switchboard.gateway;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.sla.SlaMonitorApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.clock.MutableClock;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client a seed dashboard really uses, the npm {@code socket.io-client} 4 in Node, against the gateway's
 * {@code /socket.io} with the whole system behind it: once over WebSocket only and once over long-polling only (no
 * upgrade), each gets the seed's events with the seed's payloads after the REST calls that cause them.
 */
@WithKafka
class SocketIoClientCompatibilityTest {

    private static final String PREFIX = "sio-npm-";
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static final List<String> SEED_EVENTS = List.of("task:created", "agent:registered", "task:assigned",
            "agent:overload", "task:updated", "task:failed", "task:completed", "task:sla-violation");

    @Test
    void theNpmClientGetsTheSeedsEventsOverWebSocketAndOverLongPolling() {
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        List<NodeSocketIoClient> clients = new ArrayList<>();
        try {
            services.add(on(TaskServiceApplication.application()).run(args("tasks")));
            services.add(on(AgentRegistryApplication.application()).run(args("agents")));
            services.add(on(AssignmentApplication.application()).run(args("assignment")));
            services.add(on(SlaMonitorApplication.application()).run(args("sla")));
            ConfigurableApplicationContext gateway = GatewayApplication.application().run("--server.port=0",
                    "--switchboard.security.enabled=false",
                    "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                    "--switchboard.topic-prefix=" + PREFIX,
                    "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                    "--switchboard.gateway.tasks-url=http://localhost:" + port(services.get(0)),
                    "--switchboard.gateway.agents-url=http://localhost:" + port(services.get(1)),
                    "--switchboard.gateway.assignment-url=http://localhost:" + port(services.get(2)),
                    "--switchboard.gateway.sla-url=http://localhost:" + port(services.get(3)));
            services.add(gateway);
            String url = "http://localhost:" + port(gateway);
            Api api = new Api(port(gateway));

            NodeSocketIoClient webSocket = NodeSocketIoClient.start(url, "websocket", SEED_EVENTS, Duration.ofMinutes(2));
            clients.add(webSocket);
            NodeSocketIoClient polling = NodeSocketIoClient.start(url, "polling", SEED_EVENTS, Duration.ofMinutes(2));
            clients.add(polling);
            for (NodeSocketIoClient client : clients) {
                // A client that could not connect exits at once: fail with what it printed rather than wait.
                await().atMost(Duration.ofSeconds(30))
                        .failFast(() -> assertThat(client.running()).as(client.toString()).isTrue())
                        .until(client::connected);
            }
            assertThat(webSocket.connectedTransport()).isEqualTo("websocket");
            assertThat(polling.connectedTransport()).isEqualTo("polling");

            // Connected is not yet live: the gateway's reader may still be finding the end of the topics. Tasks are
            // created until both clients have had one, which shows that events flow.
            AtomicInteger warmUps = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                api.post("/api/tasks", "{\"name\":\"warm-up " + warmUps.incrementAndGet()
                        + "\",\"priority\":\"P3\",\"assignmentMode\":\"MANUAL\"}");
                for (NodeSocketIoClient client : clients) {
                    assertThat(client.names()).as(client.toString()).contains("task:created");
                }
            });

            causeTheSeedsEvents(api);

            for (NodeSocketIoClient client : clients) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(client.names()).as(client.toString()).containsAll(SEED_EVENTS));
                assertSeedPayloads(client);
            }
            assertThat(webSocket.events()).allSatisfy(e -> assertThat(e.get("transport").asString()).isEqualTo("websocket"));
            assertThat(polling.events()).as("no upgrade").allSatisfy(e ->
                    assertThat(e.get("transport").asString()).isEqualTo("polling"));
        } finally {
            clients.forEach(NodeSocketIoClient::close);
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
        }
    }

    /** The seed's story through the gateway: register, assign (overload), progress, fail, complete, miss an SLA. */
    private static void causeTheSeedsEvents(Api api) {
        assertThat(api.post("/api/agents", "{\"id\":\"npm-agent\",\"name\":\"Npm Agent\",\"capabilities\":[\"npm\"],"
                + "\"maxConcurrentTasks\":1,\"heartbeatIntervalMs\":0}").status()).isEqualTo(201);
        assertThat(api.post("/api/tasks", "{\"id\":\"NPM-1\",\"name\":\"Watched\",\"priority\":\"P1\","
                + "\"assignmentMode\":\"MANUAL\",\"requiredCapabilities\":[\"npm\"]}").status()).isEqualTo(201);
        // The assignment service sees the new agent through Kafka: ask until it has.
        await().atMost(Duration.ofSeconds(20)).until(() -> api.post("/api/tasks/NPM-1/assign", null).status() == 200);
        assertThat(api.put("/api/tasks/NPM-1/progress", "{\"progress\": 40}").status()).isEqualTo(200);
        assertThat(api.post("/api/tasks/NPM-1/fail", "{\"reason\":\"Agent timeout\"}").status()).isEqualTo(200);

        assertThat(api.post("/api/tasks", "{\"id\":\"NPM-2\",\"name\":\"Finished\",\"priority\":\"P2\","
                + "\"assignmentMode\":\"MANUAL\",\"requiredCapabilities\":[\"npm\"]}").status()).isEqualTo(201);
        // The agent has room again once the registry has read NPM-1's failure.
        await().atMost(Duration.ofSeconds(20)).until(() -> api.post("/api/tasks/NPM-2/assign", null).status() == 200);
        assertThat(api.put("/api/tasks/NPM-2/progress", "{\"progress\": 100}").status()).isEqualTo(200);

        assertThat(api.post("/api/tasks", "{\"id\":\"NPM-LATE\",\"name\":\"Nobody can\",\"priority\":\"P0\","
                + "\"requiredCapabilities\":[\"nobody\"]}").status()).isEqualTo(201);
        CLOCK.advance(Duration.ofMinutes(61));
    }

    private static void assertSeedPayloads(NodeSocketIoClient client) {
        JsonNode assigned = client.first("task:assigned");
        assertThat(assigned.get("task").get("id").asString()).isEqualTo("NPM-1");
        assertThat(assigned.get("agent").get("id").asString()).isEqualTo("npm-agent");
        assertThat(client.first("agent:registered").get("agent").get("id").asString()).isEqualTo("npm-agent");
        assertThat(client.first("agent:overload").get("agent").get("id").asString()).isEqualTo("npm-agent");
        assertThat(client.events().stream().filter(e -> e.get("event").asString().equals("task:updated"))
                .map(e -> e.get("data").get("task").get("progress").asInt())).contains(40);
        JsonNode failed = client.first("task:failed");
        assertThat(failed.get("task").get("id").asString()).isEqualTo("NPM-1");
        assertThat(failed.get("reason").asString()).isEqualTo("Agent timeout");
        JsonNode completed = client.first("task:completed");
        assertThat(completed.get("task").get("id").asString()).isEqualTo("NPM-2");
        assertThat(completed.get("task").get("status").asString()).isEqualTo("COMPLETED");
        assertThat(client.first("task:sla-violation").get("task").get("id").asString()).isEqualTo("NPM-LATE");
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
}
