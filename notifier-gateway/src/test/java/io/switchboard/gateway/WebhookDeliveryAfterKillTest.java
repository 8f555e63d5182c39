package io.switchboard.gateway;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.process.ChildService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway killed with SIGKILL while it retries a webhook delivery loses nothing: the next one sends the same
 * delivery again (same webhook-id) once the receiver is back, then goes on with the events after it.
 */
@WithKafka
class WebhookDeliveryAfterKillTest {

    private static final String PREFIX = "hook-kill-";
    private static ConfigurableApplicationContext tasks;
    private static HttpServer receiver;
    private static final AtomicBoolean down = new AtomicBoolean(true);
    /** Every attempt: its webhook-id, whether it was taken, its body. */
    private static final List<String[]> attempts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        tasks = TaskServiceApplication.application().run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + "tasks");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean taken = !down.get();
            attempts.add(new String[] {exchange.getRequestHeaders().getFirst("webhook-id"), Boolean.toString(taken),
                    body});
            exchange.sendResponseHeaders(taken ? 200 : 503, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        tasks.close();
    }

    private static ChildService gateway(String name) {
        return ChildService.start(name, GatewayApplication.class,
                "--switchboard.security.enabled=false",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + "gateway",
                "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--switchboard.notifications.first-retry=200ms", "--switchboard.notifications.max-retry-interval=1s",
                "--switchboard.gateway.tasks-url=http://localhost:"
                        + ((WebServerApplicationContext) tasks).getWebServer().getPort());
    }

    private static String task(Api api, String name) {
        Api.Answer created = api.post("/api/tasks", "{\"name\":\"" + name + "\",\"priority\":\"P2\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.task().get("id").asString();
    }

    private static boolean taken(String taskId) {
        return attempts.stream().anyMatch(a -> a[2].contains(taskId) && a[1].equals("true"));
    }

    @Test
    void theDeliveryInFlightIsSentAgainByTheNextGatewayAndNothingAfterItIsLost() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        String before;
        String first;
        try (ChildService gateway = gateway("hook-kill-gateway-1")) {
            Api.Answer made = gateway.api().post("/api/notifications/subscriptions",
                    "{\"name\":\"Kept\",\"url\":\"" + url + "\",\"events\":[\"task:created\"]}");
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            first = task(gateway.api(), "Sent before the kill");
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts.stream()
                    .filter(a -> a[2].contains(first)).count() >= 2);
            before = attempts.stream().filter(a -> a[2].contains(first)).findFirst().orElseThrow()[0];
            gateway.kill();
        }
        down.set(false);
        try (ChildService gateway = gateway("hook-kill-gateway-2")) {
            String second = task(gateway.api(), "Sent after the restart");
            // Both: the two tasks may sit on different partitions, delivered in either order.
            await().atMost(Duration.ofSeconds(60)).until(() -> taken(second) && taken(first));
            assertThat(attempts.stream().filter(a -> a[2].contains(first) && a[1].equals("true")))
                    .as("the delivery in flight at the kill, taken after the restart, under the same id")
                    .isNotEmpty().allSatisfy(a -> assertThat(a[0]).isEqualTo(before));
        }
    }
}
