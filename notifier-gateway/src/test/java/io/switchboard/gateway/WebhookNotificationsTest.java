package io.switchboard.gateway;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.events.MessageType;
import io.switchboard.events.notification.ParkedDelivery;
import io.switchboard.events.serde.MessageDeserializer;
import io.switchboard.gateway.notifications.WebhookSignature;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.TopicReader;
import io.switchboard.testing.kafka.WithKafka;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook subscriptions through the gateway, delivered to real HTTP receivers in this test: signed as Standard
 * Webhooks has it, filtered, retried until the receiver answers, and parked when it never does, without delaying
 * another subscription.
 */
@WithKafka
class WebhookNotificationsTest {

    private static final String PREFIX = "hooks-";
    private static ConfigurableApplicationContext tasks;
    private static ConfigurableApplicationContext gateway;
    private static Api api;
    private static GreenMail smtp;
    private final List<HttpServer> receivers = new ArrayList<>();

    /** What a receiver got: its headers and body. */
    record Delivery(String id, String timestamp, String signature, String contentType, String body) {
    }

    @BeforeAll
    static void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        tasks = TaskServiceApplication.application().run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX);
        gateway = GatewayApplication.application().run("--server.port=0",
                "--switchboard.security.enabled=false",
                "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX,
                "--switchboard.notifications.first-retry=200ms",
                "--switchboard.notifications.retry-for=3s",
                "--switchboard.notifications.email-digest-window=2s",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--switchboard.gateway.tasks-url=http://localhost:" + port(tasks));
        api = new Api(port(gateway));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        tasks.close();
        smtp.stop();
    }

    /** Each test's subscriptions end with it: their consumers would otherwise keep running for the whole class. */
    @AfterEach
    void stopReceiversAndSubscriptions() {
        for (JsonNode subscription : api.get("/api/notifications/subscriptions").json().get("subscriptions")) {
            if (subscription.get("deletedAt").isNull()) {
                api.raw("DELETE", "/api/notifications/subscriptions/" + subscription.get("id").asString(), null);
            }
        }
        receivers.forEach(server -> server.stop(0));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A receiver that answers {@code failures} times 503, then 200; its URL. */
    private String receiver(List<Delivery> got, int failures) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        return receiver(got, () -> calls.incrementAndGet() > failures);
    }

    /** A receiver that answers 200 when {@code takes} says so, else 503; its URL. */
    private String receiver(List<Delivery> got, BooleanSupplier takes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            got.add(new Delivery(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"), body));
            exchange.sendResponseHeaders(takes.getAsBoolean() ? 200 : 503, -1);
            exchange.close();
        });
        server.start();
        receivers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private static JsonNode subscribe(String body) {
        Api.Answer made = api.post("/api/notifications/subscriptions", body);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().get("subscription");
    }

    private static String task(String name, String priority) {
        Api.Answer created = api.post("/api/tasks", "{\"name\":\"" + name + "\",\"priority\":\"" + priority + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.task().get("id").asString();
    }

    @Test
    void aWebhookGetsTheEventsItChoseSignedAndTheSameDeliveryAgainUntilItAnswers() throws IOException {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        JsonNode subscription = subscribe("{\"name\":\"P0 created\",\"url\":\"" + receiver(got, 2)
                + "\",\"events\":[\"task:created\"],\"priority\":\"P0\"}");
        String secret = subscription.get("secret").asString();
        assertThat(secret).startsWith("whsec_");

        task("Not this one: P1", "P1");
        String wanted = task("This one: P0", "P0");

        await().atMost(Duration.ofSeconds(30)).until(() -> got.size() >= 3);
        assertThat(got).allSatisfy(delivery -> {
            assertThat(delivery.id()).isEqualTo(got.get(0).id());
            assertThat(delivery.signature()).isEqualTo(WebhookSignature.sign(secret, delivery.id(),
                    Long.parseLong(delivery.timestamp()), delivery.body()));
            assertThat(delivery.contentType()).isEqualTo("application/cloudevents+json");
        });
        JsonNode event = tools.jackson.databind.json.JsonMapper.builder().build().readTree(got.get(2).body());
        assertThat(event.get("specversion").asString()).isEqualTo("1.0");
        assertThat(event.get("type").asString()).isEqualTo("task.created");
        assertThat(event.get("subject").asString()).isEqualTo(wanted);
        assertThat(event.get("data").get("task").get("id").asString()).isEqualTo(wanted);
        // A later event shows the P1 task was passed over, not merely late.
        String next = task("Next P0", "P0");
        await().atMost(Duration.ofSeconds(20)).until(() -> got.stream().anyMatch(d -> d.body().contains(next)));
        assertThat(got).noneMatch(delivery -> delivery.body().contains("Not this one"));
        List<String> outcomes = api.get("/api/notifications/subscriptions/" + subscription.get("id").asString()
                + "/deliveries").json().get("deliveries").valueStream()
                .filter(attempt -> attempt.get("deliveryId").asString().equals(got.get(0).id()))
                .map(attempt -> attempt.get("outcome").asString()).toList();
        assertThat(outcomes).as("newest first").containsExactly("delivered", "failed", "failed");
        assertThat(got.get(got.size() - 1).signature()).isNotEqualTo(got.get(0).signature());
    }

    @Test
    void aReceiverThatNeverAnswersIsParkedDelaysNoOtherSubscriptionAndItsDeliveryCanBeSentAgain()
            throws IOException {
        List<Delivery> failing = new CopyOnWriteArrayList<>();
        List<Delivery> working = new CopyOnWriteArrayList<>();
        AtomicBoolean fixed = new AtomicBoolean();
        JsonNode broken = subscribe("{\"name\":\"Broken\",\"url\":\"" + receiver(failing, fixed::get)
                + "\",\"events\":[\"task:created\"]}");
        subscribe("{\"name\":\"Working\",\"url\":\"" + receiver(working, 0) + "\",\"events\":[\"task:created\"]}");

        String first = task("Parked for one", "P2");
        // Each subscription's consumer group is new: on a busy machine its first assignment can take a while.
        await().atMost(Duration.ofSeconds(60)).until(() -> working.stream().anyMatch(d -> d.body().contains(first)));
        await().atMost(Duration.ofSeconds(60)).until(() -> !failing.isEmpty()); // and the broken one refused it
        try (var parked = TopicReader.of(PREFIX + MessageType.PARKED_DELIVERY.topic(), new MessageDeserializer())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(parked.poll().stream()
                    .map(record -> (ParkedDelivery) record.value())
                    .filter(p -> p.subscriptionId().equals(broken.get("id").asString())))
                    .anySatisfy(p -> {
                        assertThat(p.body()).contains(first);
                        assertThat(p.attempts()).isGreaterThan(1);
                        assertThat(p.lastError()).isEqualTo("HTTP 503");
                    }));
        }

        String parkedPath = "/api/notifications/subscriptions/" + broken.get("id").asString() + "/parked";
        JsonNode listed = api.get(parkedPath).json().get("parked").get(0);
        assertThat(listed.get("body").asString()).contains(first);
        String deliveryId = listed.get("deliveryId").asString();
        Api.Answer stillDown = api.post(parkedPath + "/" + deliveryId + "/replay", null);
        assertThat(stillDown.status()).as(stillDown.body()).isEqualTo(502);
        assertThat(stillDown.json().get("error").asString()).contains("HTTP 503");
        fixed.set(true);
        Api.Answer replayed = api.post(parkedPath + "/" + deliveryId + "/replay", null);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(failing.get(failing.size() - 1).id()).as("the same webhook-id").isEqualTo(deliveryId);
        assertThat(api.post(parkedPath + "/no-such-delivery/replay", null).status()).isEqualTo(404);
        assertThat(api.get("/api/notifications/subscriptions/" + broken.get("id").asString() + "/deliveries").json()
                .get("deliveries").valueStream().map(attempt -> attempt.get("outcome").asString())).contains("parked");
    }

    /** The shape Slack documents for incoming webhooks and Block Kit (api.slack.com/reference/block-kit/blocks). */
    @Test
    void aSlackSubscriptionGetsAMessageInSlacksShapeWithTheTaskItsSlaAndTheDashboard() throws IOException {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        subscribe("{\"name\":\"Team channel\",\"channel\":\"slack\",\"url\":\"" + receiver(got, 0)
                + "\",\"events\":[\"task:created\"],\"label\":\"team=payments\"}");
        Api.Answer created = api.post("/api/tasks", "{\"name\":\"Refund <batch> & report\",\"priority\":\"P1\","
                + "\"labels\":{\"team\":\"payments\"},\"dueAt\":\"2099-01-01T00:00:00Z\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.task().get("id").asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> got.stream().anyMatch(d -> d.body().contains(id)));
        Delivery delivery = got.stream().filter(d -> d.body().contains(id)).findFirst().orElseThrow();
        assertThat(delivery.contentType()).isEqualTo("application/json");
        assertThat(delivery.signature()).as("nothing to sign for Slack").isNull();
        JsonNode message = tools.jackson.databind.json.JsonMapper.builder().build().readTree(delivery.body());
        assertThat(message.get("text").asString()).isEqualTo("task:created: " + id + " Refund <batch> & report");
        List<JsonNode> blocks = message.get("blocks").valueStream().toList();
        assertThat(blocks).extracting(block -> block.get("type").asString())
                .containsExactly("section", "context", "actions");
        assertThat(blocks.get(0).get("text").get("type").asString()).isEqualTo("mrkdwn");
        assertThat(blocks.get(0).get("text").get("text").asString()).contains("Refund &lt;batch&gt; &amp; report");
        JsonNode context = blocks.get(1).get("elements").get(0);
        assertThat(context.get("type").asString()).isEqualTo("mrkdwn");
        assertThat(context.get("text").asString()).contains("Priority *P1*", "Status *PENDING*",
                "SLA *due 2099-01-01T00:00:00Z*");
        JsonNode button = blocks.get(2).get("elements").get(0);
        assertThat(button.get("type").asString()).isEqualTo("button");
        assertThat(button.get("text").get("type").asString()).isEqualTo("plain_text");
        assertThat(button.get("url").asString()).isEqualTo("http://localhost:8080/");
    }

    @Test
    void anEmailSubscriptionGetsEventsThatComeTogetherInOneDigestWithTextHtmlAndTheDashboard() throws Exception {
        subscribe("{\"name\":\"Mail\",\"channel\":\"email\",\"url\":\"mailto:oncall@example.com,"
                + "lead@example.com\",\"events\":[\"task:created\"],\"label\":\"team=mail\"}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Answer created = api.post("/api/tasks", "{\"name\":\"Mailed " + i + "\",\"priority\":\"P1\","
                    + "\"labels\":{\"team\":\"mail\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.task().get("id").asString());
        }
        task("Not mailed", "P1");

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> mailedTo("oncall@example.com")
                .stream().anyMatch(text -> text.contains(id))));
        List<String> oncall = mailedTo("oncall@example.com");
        assertThat(oncall).as("each task once").allSatisfy(text -> assertThat(text).doesNotContain("Not mailed"));
        assertThat(ids).allSatisfy(id -> assertThat(oncall.stream().filter(text -> text.contains(id))).hasSize(1));
        assertThat(oncall).as("the three came together: one digest").hasSize(1);
        MimeMessage digest = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipients(m).contains("oncall@example.com")).findFirst().orElseThrow();
        assertThat(digest.getSubject()).isEqualTo("[Switchboard] 3 events: 3 task:created");
        assertThat(digest.getFrom()[0].toString()).isEqualTo("switchboard@localhost");
        assertThat(recipients(digest)).contains("lead@example.com");
        assertThat(GreenMailUtil.getWholeMessage(digest)).contains("text/plain", "text/html");
        assertThat(textOf(digest)).contains("Priority P1", "Open the dashboard", "http://localhost:8080/");
        assertThat(mailedTo("lead@example.com")).hasSize(1);
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> messageId(m)
                .equals(messageId(digest)))).as("a copy for each address").hasSize(2);

        Api.Answer badMail = api.post("/api/notifications/subscriptions",
                "{\"name\":\"x\",\"channel\":\"email\",\"url\":\"mailto:not-an-address\"}");
        assertThat(badMail.status()).isEqualTo(400);
        assertThat(badMail.json().get("field").asString()).isEqualTo("url");
    }

    /**
     * The text of every message sent to {@code address}, its parts decoded: one per Message-ID (the SMTP server keeps
     * a copy per recipient, each with every recipient in its headers).
     */
    private static List<String> mailedTo(String address) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (recipients(message).contains(address)) {
                byId.putIfAbsent(messageId(message), textOf(message));
            }
        }
        return List.copyOf(byId.values());
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(jakarta.mail.Part part) {
        try {
            Object content = part.getContent();
            if (content instanceof jakarta.mail.Multipart multipart) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    text.append(textOf(multipart.getBodyPart(i))).append('\n');
                }
                return text.toString();
            }
            return content instanceof String string ? string : "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSubscriptionIsRefusedWithTheFieldThatIsWrongAndCanBeDeleted() throws IOException {
        Api.Answer badUrl = api.post("/api/notifications/subscriptions", "{\"name\":\"x\",\"url\":\"ftp://host/x\"}");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.json().get("field").asString()).isEqualTo("url");
        Api.Answer badEvent = api.post("/api/notifications/subscriptions",
                "{\"name\":\"x\",\"url\":\"http://localhost/x\",\"events\":[\"task:exploded\"]}");
        assertThat(badEvent.status()).isEqualTo(400);
        assertThat(badEvent.json().get("field").asString()).isEqualTo("events");
        Api.Answer badChannel = api.post("/api/notifications/subscriptions",
                "{\"name\":\"x\",\"url\":\"http://localhost/x\",\"channel\":\"pager\"}");
        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.json().get("field").asString()).isEqualTo("channel");

        JsonNode made = subscribe("{\"name\":\"Short-lived\",\"url\":\"" + receiver(new ArrayList<>(), 0) + "\"}");
        String id = made.get("id").asString();
        Api.Answer listed = api.get("/api/notifications/subscriptions");
        assertThat(listed.json().get("subscriptions").valueStream().filter(s -> s.get("id").asString().equals(id)))
                .singleElement().satisfies(s -> assertThat(s.has("secret")).as("no secret in a list").isFalse());
        assertThat(api.raw("DELETE", "/api/notifications/subscriptions/" + id, null).status()).isEqualTo(200);
        assertThat(api.raw("DELETE", "/api/notifications/subscriptions/" + id, null).status()).isEqualTo(404);
    }
}
