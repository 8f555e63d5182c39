package io.switchboard.gateway;

import io.switchboard.events.serde.MessageCodec;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway stopped and started again at once on the same ports, as {@code ./switchboard down; up} or a container
 * restarted in its pod does, while a Socket.IO client (the npm {@code socket.io-client}) and a WebSocket client were
 * connected: the Socket.IO port's closed connections sit in TIME_WAIT, and the new gateway must still bind it, be
 * ready, and serve both clients again.
 */
@WithKafka
class GatewayRestartTest {

    private static final String PREFIX = "restart-";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aGatewayRestartedAtOnceOnItsPortsServesItsReconnectingClients() throws Exception {
        int port = FreePorts.next();
        int socketIoPort = FreePorts.next();
        try (ConfigurableApplicationContext tasks = TaskServiceApplication.application().run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + "tasks")) {
            String[] gatewayArgs = {"--server.port=" + port, "--switchboard.security.enabled=false",
                    "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                    "--switchboard.topic-prefix=" + PREFIX, "--switchboard.gateway.socket-io-port=" + socketIoPort,
                    "--switchboard.gateway.tasks-url=http://localhost:" + port(tasks)};
            Api api = new Api(port);
            ConfigurableApplicationContext gateway = GatewayApplication.application().run(gatewayArgs);
            try (NodeSocketIoClient socketIo = NodeSocketIoClient.start("http://localhost:" + port, "websocket",
                    List.of("task:cancelled"), Duration.ofMinutes(2), true)) {
                Frames frames = new Frames();
                frames.connect(port);
                AtomicInteger warmUps = new AtomicInteger();
                // Both clients live: a task created now reaches each of them.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    api.post("/api/tasks", "{\"name\":\"before " + warmUps.incrementAndGet()
                            + "\",\"priority\":\"P3\",\"assignmentMode\":\"MANUAL\"}");
                    assertThat(socketIo.names()).as(socketIo.toString()).contains("task:created");
                    assertThat(frames.named("task:created")).isNotEmpty();
                });

                gateway.close();
                await().atMost(Duration.ofSeconds(10)).until(frames.closed::isDone);
                gateway = GatewayApplication.application().run(gatewayArgs);
                assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(30)).failFast(() -> assertThat(socketIo.running()).isTrue())
                        .until(() -> socketIo.connections() >= 2);
                Frames again = new Frames();
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> again.connect(port) != null);
                assertThat(api.post("/api/tasks", "{\"id\":\"AFTER-RESTART\",\"name\":\"after\","
                        + "\"priority\":\"P3\",\"assignmentMode\":\"MANUAL\"}").status()).isEqualTo(201);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    api.post("/api/tasks/AFTER-RESTART/cancel", "{\"reason\":\"seen after the restart\"}");
                    assertThat(again.named("task:cancelled")).isNotEmpty();
                    assertThat(socketIo.names()).as(socketIo.toString()).contains("task:cancelled");
                });
                assertThat(again.named("task:cancelled").get(0).get("data").get("task").get("id").asString())
                        .isEqualTo("AFTER-RESTART");
            } finally {
                gateway.close();
            }
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A WebSocket client of {@code /ws} that keeps every frame. */
    private static final class Frames implements WebSocket.Listener {
        private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();

        WebSocket connect(int port) throws Exception {
            return HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port + "/ws"), this)
                    .get(5, TimeUnit.SECONDS);
        }

        List<JsonNode> named(String event) {
            return frames.stream().filter(f -> f.get("event").asString().equals(event)).toList();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(MessageCodec.jsonMapper().readTree(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(null);
        }
    }
}
