package io.switchboard.gateway;

import io.switchboard.events.serde.CloudEventHeaders;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed's events, live from Kafka through the gateway: over WebSocket at /ws and as Server-Sent Events. */
@WithKafka
class LiveEventsTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ConfigurableApplicationContext tasks;
    private static ConfigurableApplicationContext gateway;
    private static int port;

    @BeforeAll
    static void start() {
        tasks = TaskServiceApplication.application().run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=live-");
        gateway = GatewayApplication.application().run("--server.port=0",
                "--switchboard.security.enabled=false",
                "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=live-",
                "--switchboard.gateway.tasks-url=http://localhost:" + port(tasks));
        port = port(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        tasks.close();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void aWebSocketClientGetsTheSeedsEventsForWhatItSubscribedTo() {
        Api api = new Api(port);
        api.post("/api/tasks", "{\"id\":\"LIVE-1\",\"name\":\"Watched\",\"priority\":\"P1\"}");
        api.post("/api/tasks", "{\"id\":\"LIVE-2\",\"name\":\"Not watched\",\"priority\":\"P1\"}");
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = CLIENT.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port
                + "/ws?events=task:cancelled,task:updated&taskId=LIVE-1"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

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
                }).join();
        try {
            // The subscription starts when the socket is open: write until the first frame shows it is live.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                api.post("/api/tasks/LIVE-2/cancel", null);
                api.put("/api/tasks/LIVE-1/priority", "{\"priority\":\"" + (frames.size() % 2 == 0 ? "P0" : "P1")
                        + "\"}");
                return !frames.isEmpty();
            });
            api.post("/api/tasks/LIVE-1/cancel", "{\"reason\":\"done with it\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> frames.stream()
                    .anyMatch(f -> f.get("event").asString().equals("task:cancelled")));
            JsonNode cancelled = frames.stream().filter(f -> f.get("event").asString().equals("task:cancelled"))
                    .findFirst().orElseThrow();
            assertThat(cancelled.get("data").get("task").get("id").asString()).isEqualTo("LIVE-1");
            assertThat(cancelled.get("data").get("reason").asString()).isEqualTo("done with it");
            assertThat(cancelled.get("id").asString()).contains("live-task.cancelled");
            assertThat(cancelled.get("time").asString()).isNotBlank();
            assertThat(frames).allSatisfy(f -> {
                assertThat(f.get("data").get("task").get("id").asString()).isEqualTo("LIVE-1");
                assertThat(f.get("event").asString()).isIn("task:updated", "task:cancelled");
            });
        } finally {
            socket.abort();
        }
    }

    @Test
    void serverSentEventsCarryTheSameFrames() {
        Api api = new Api(port);
        List<String> lines = new CopyOnWriteArrayList<>();
        var stream = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/events?events=task:created")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        var reading = stream.thenAccept(response -> response.body().forEach(lines::add));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                api.post("/api/tasks", "{\"name\":\"Seen live\",\"priority\":\"P2\"}");
                return lines.stream().anyMatch(line -> line.startsWith("data:") && line.contains("Seen live"));
            });
            assertThat(lines).contains("event:task:created");
            assertThat(lines.stream().filter(line -> line.startsWith("data:")))
                    .allSatisfy(line -> assertThat(line).contains("\"event\":\"task:created\""));
        } finally {
            reading.cancel(true);
            stream.cancel(true);
        }
    }

    @Test
    void anUnreadableEventIsNeverSentAndTheOnesAfterItAre() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        var stream = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/events?events=task:created")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        var reading = stream.thenAccept(response -> response.body().forEach(lines::add));
        Api api = new Api(port);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                api.post("/api/tasks", "{\"name\":\"Before the poison\",\"priority\":\"P2\"}");
                return lines.stream().anyMatch(line -> line.contains("Before the poison"));
            });
            ProducerRecord<String, String> poison = new ProducerRecord<>("live-task.created", "POISON-1",
                    "{\"taskId\": \"POISON-1\", \"task\": ");
            poison.headers().add(CloudEventHeaders.TYPE, "task.created".getBytes(StandardCharsets.UTF_8));
            producer.send(poison).get();
            api.post("/api/tasks", "{\"name\":\"After the poison\",\"priority\":\"P2\"}");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> lines.stream().anyMatch(line -> line.contains("After the poison")));
            assertThat(lines.stream().filter(line -> line.startsWith("data:")))
                    .allSatisfy(line -> assertThat(line).doesNotContain("POISON-1").doesNotContain("\"data\":null"));
        } finally {
            reading.cancel(true);
            stream.cancel(true);
        }
    }

    @Test
    void aSocketIoClientOfTheSeedGetsTheSeedsEventsThroughTheGatewaysAddress() throws Exception {
        Api api = new Api(port);
        List<org.json.JSONObject> assigned = new CopyOnWriteArrayList<>();
        io.socket.client.IO.Options options = io.socket.client.IO.Options.builder()
                .setTransports(new String[] {"polling", "websocket"}).build();
        io.socket.client.Socket socket = io.socket.client.IO.socket("http://localhost:" + port, options);
        socket.on("task:created", args -> assigned.add((org.json.JSONObject) args[0]));
        socket.connect();
        try {
            await().atMost(Duration.ofSeconds(20)).until(socket::connected);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                api.post("/api/tasks", "{\"name\":\"Over Socket.IO\",\"priority\":\"P1\"}");
                return !assigned.isEmpty();
            });
            org.json.JSONObject payload = assigned.get(0);
            assertThat(payload.getJSONObject("task").getString("name")).isEqualTo("Over Socket.IO");
            assertThat(payload.getJSONObject("task").getString("status")).isEqualTo("PENDING");
        } finally {
            socket.close();
        }
    }

    @Test
    void aClientThatReconnectsWithItsLastEventIdGetsWhatItMissed() {
        Api api = new Api(port);
        List<String> first = new CopyOnWriteArrayList<>();
        var stream = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/events?events=task:created")).build(), HttpResponse.BodyHandlers.ofLines());
        var reading = stream.thenAccept(response -> response.body().forEach(first::add));
        AtomicInteger sent = new AtomicInteger();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            api.post("/api/tasks", "{\"name\":\"Before the drop " + sent.incrementAndGet() + "\",\"priority\":\"P2\"}");
            return first.stream().anyMatch(line -> line.contains("Before the drop"));
        });
        reading.cancel(true);
        stream.cancel(true);
        // The last event this client saw, and its id (the id line comes before its data line).
        List<String> seen = List.copyOf(first);
        int lastData = -1;
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).startsWith("data:")) {
                lastData = i;
            }
        }
        String lastSeen = seen.get(lastData);
        String lastId = seen.subList(0, lastData).stream().filter(line -> line.startsWith("id:"))
                .reduce((a, b) -> b).orElseThrow().substring(3);

        api.post("/api/tasks", "{\"id\":\"MISSED-1\",\"name\":\"Missed one\",\"priority\":\"P2\"}");
        api.post("/api/tasks", "{\"id\":\"MISSED-2\",\"name\":\"Missed two\",\"priority\":\"P2\"}");

        List<String> resumed = new CopyOnWriteArrayList<>();
        var again = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/events?events=task:created")).header("Last-Event-ID", lastId).build(),
                HttpResponse.BodyHandlers.ofLines());
        var readingAgain = again.thenAccept(response -> response.body().forEach(resumed::add));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> resumed.stream().anyMatch(l -> l.contains("MISSED-1"))
                    && resumed.stream().anyMatch(l -> l.contains("MISSED-2")));
            api.post("/api/tasks", "{\"id\":\"LIVE-AFTER\",\"name\":\"Live again\",\"priority\":\"P2\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> resumed.stream().anyMatch(l -> l.contains("LIVE-AFTER")));
            assertThat(resumed).as("the last event seen is not sent again").doesNotContain(lastSeen);
            assertThat(resumed.stream().filter(l -> l.startsWith("data:") && l.contains("MISSED-1"))).hasSize(1);
        } finally {
            readingAgain.cancel(true);
            again.cancel(true);
        }
    }
}
