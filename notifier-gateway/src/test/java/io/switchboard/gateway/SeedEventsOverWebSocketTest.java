package io.switchboard.gateway;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.events.serde.MessageCodec;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system behind the gateway: actions through its REST API cause the seed's events, which reach WebSocket
 * clients with the seed's payloads; a filtered client gets only its events, and a client that reads nothing does
 * not hold the others back.
 */
@WithKafka
class SeedEventsOverWebSocketTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final MutableClock CLOCK = new MutableClock(Instant.now());

    /** Collects the frames of one WebSocket; {@code reading} false: it asks for one frame and then no more. */
    private static final class Collector implements WebSocket.Listener {
        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final boolean reading;
        private final StringBuilder text = new StringBuilder();

        Collector(boolean reading) {
            this.reading = reading;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(MessageCodec.jsonMapper().readTree(text.toString()));
                text.setLength(0);
            }
            if (reading) {
                socket.request(1);
            }
            return null;
        }

        List<String> names() {
            return frames.stream().map(f -> f.get("event").asString()).toList();
        }

        JsonNode first(String event) {
            return frames.stream().filter(f -> f.get("event").asString().equals(event)).findFirst().orElseThrow();
        }
    }

    @Test
    void everySeedEventReachesTheClientsAfterTheActionThatCausesIt() {
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        try {
            services.add(on(TaskServiceApplication.application()).run(args("tasks")));
            services.add(on(AgentRegistryApplication.application()).run(args("agents")));
            services.add(on(AssignmentApplication.application()).run(args("assignment")));
            services.add(on(SlaMonitorApplication.application()).run(args("sla")));
            ConfigurableApplicationContext gateway = GatewayApplication.application().run("--server.port=0",
                    "--switchboard.security.enabled=false",
                    "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                    "--switchboard.topic-prefix=ws-seed-", "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                    "--switchboard.gateway.client-buffer=50",
                    "--switchboard.gateway.tasks-url=http://localhost:" + port(services.get(0)),
                    "--switchboard.gateway.agents-url=http://localhost:" + port(services.get(1)),
                    "--switchboard.gateway.assignment-url=http://localhost:" + port(services.get(2)),
                    "--switchboard.gateway.sla-url=http://localhost:" + port(services.get(3)));
            services.add(gateway);
            int gatewayPort = port(gateway);
            Api api = new Api(gatewayPort);
            Collector everything = new Collector(true);
            Collector failuresOnly = new Collector(true);
            Collector stalled = new Collector(false);
            open(gatewayPort, "", everything);
            open(gatewayPort, "?events=task:failed", failuresOnly);
            open(gatewayPort, "", stalled);
            // Sockets are live once a first event reaches them.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                api.post("/api/tasks", "{\"name\":\"warm-up\",\"priority\":\"P3\",\"assignmentMode\":\"MANUAL\"}");
                return !everything.frames.isEmpty() && !stalled.frames.isEmpty();
            });

            assertThat(api.post("/api/agents", "{\"id\":\"ws-agent\",\"name\":\"WS Agent\",\"capabilities\":[\"ws\"],"
                    + "\"maxConcurrentTasks\":1,\"heartbeatIntervalMs\":0}").status()).isEqualTo(201);
            assertThat(api.post("/api/tasks", "{\"id\":\"WS-1\",\"name\":\"Watched\",\"priority\":\"P1\","
                    + "\"requiredCapabilities\":[\"ws\"]}").status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> everything.names().contains("task:assigned")
                    && everything.names().contains("agent:overload"));
            JsonNode assigned = everything.first("task:assigned");
            assertThat(assigned.get("data").get("task").get("id").asString()).isEqualTo("WS-1");
            assertThat(assigned.get("data").get("agent").get("id").asString()).isEqualTo("ws-agent");
            assertThat(everything.first("agent:overload").get("data").get("agent").get("id").asString())
                    .isEqualTo("ws-agent");

            api.put("/api/tasks/WS-1/progress", "{\"progress\": 40}");
            api.post("/api/tasks/WS-1/fail", "{\"reason\":\"Agent timeout\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> everything.names().contains("task:failed"));
            assertThat(everything.frames.stream().filter(f -> f.get("event").asString().equals("task:updated"))
                    .map(f -> f.get("data").get("task").get("progress").asInt())).contains(40);
            JsonNode failed = everything.first("task:failed");
            assertThat(failed.get("data").get("task").get("id").asString()).isEqualTo("WS-1");
            assertThat(failed.get("data").get("reason").asString()).isEqualTo("Agent timeout");

            assertThat(api.post("/api/tasks", "{\"id\":\"WS-LATE\",\"name\":\"Nobody can\",\"priority\":\"P0\","
                    + "\"requiredCapabilities\":[\"nobody\"]}").status()).isEqualTo(201);
            CLOCK.advance(Duration.ofMinutes(61));
            await().atMost(Duration.ofSeconds(20)).until(() -> everything.names().contains("task:sla-violation"));
            assertThat(everything.first("task:sla-violation").get("data").get("task").get("id").asString())
                    .isEqualTo("WS-LATE");

            await().atMost(Duration.ofSeconds(10)).until(() -> !failuresOnly.frames.isEmpty());
            assertThat(failuresOnly.names()).containsOnly("task:failed");
            // The stalled client asked for one frame and read no more: the others got everything meanwhile.
            assertThat(stalled.frames).hasSize(1);
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
        }
    }

    private static SpringApplicationBuilder on(SpringApplicationBuilder application) {
        return application.initializers(context -> context.getBeanFactory().registerSingleton("clock", CLOCK));
    }

    private static String[] args(String instance) {
        return new String[] {"--server.port=0", "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=ws-seed-", "--switchboard.instance-id=ws-seed-" + instance};
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static void open(int port, String query, Collector collector) {
        CLIENT.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port + "/ws" + query), collector).join();
    }
}
