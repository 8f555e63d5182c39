package io.switchboard.gateway;

import io.switchboard.events.MessageType;
import io.switchboard.events.audit.AuditEntry;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.TopicReader;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.process.ChildService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No audit entry is lost: a write is answered only once its entry is acknowledged by Kafka, so a gateway killed with
 * SIGKILL mid-traffic leaves an entry for every write it answered 2xx; and while the audit log cannot be written,
 * writes are refused with 503 before they reach a service.
 */
@WithKafka
class AuditDurabilityTest {

    private static final String PREFIX = "audit-durable-";
    private static final MessageCodec CODEC = new MessageCodec("/switchboard/test");
    private static ConfigurableApplicationContext tasks;

    @BeforeAll
    static void start() {
        tasks = TaskServiceApplication.application().run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + "tasks");
    }

    @AfterAll
    static void stop() {
        tasks.close();
    }

    @Test
    void everyWriteAnsweredBeforeAKillDashNineHasItsAuditEntry() throws Exception {
        ChildService gateway = ChildService.start("audit-gateway", GatewayApplication.class,
                "--switchboard.security.enabled=false",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + "gateway",
                "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--switchboard.gateway.tasks-url=http://localhost:" + port(tasks));
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            Api api = gateway.api();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String requestId = "audit-kill-" + writer + "-" + i;
                        try {
                            Answer answer = api.post("/api/tasks", "{\"name\":\"audited " + requestId
                                    + "\",\"priority\":\"P3\",\"assignmentMode\":\"MANUAL\"}", "X-Request-Id", requestId);
                            if (answer.status() / 100 == 2) {
                                answered.add(requestId);
                            }
                        } catch (UncheckedIOException e) {
                            return; // the gateway is gone
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 100);
            gateway.kill();
        } finally {
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            gateway.close();
        }

        try (TopicReader<byte[]> audit = TopicReader.bytes(PREFIX + "audit.log")) {
            Set<String> audited = audit.pollToEnd().stream()
                    .map(record -> CODEC.<AuditEntry>decode(MessageType.AUDIT_ENTRY, record.value()))
                    .map(AuditEntry::requestId).collect(Collectors.toSet());
            assertThat(answered).hasSizeGreaterThanOrEqualTo(100);
            assertThat(answered).allSatisfy(id -> assertThat(audited).as("audit entries").contains(id));
        }
    }

    @Test
    void whileTheAuditLogCannotBeWrittenWritesAreRefusedBeforeTheyReachTheService() {
        ConfigurableApplicationContext gateway = GatewayApplication.application().run("--server.port=0",
                "--switchboard.security.enabled=false",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + "gateway-in-jvm",
                "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--switchboard.security.audit.write-timeout=2s",
                "--switchboard.gateway.tasks-url=http://localhost:" + port(tasks));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.bootstrapServers()))) {
            Api api = new Api(port(gateway));
            assertThat(api.post("/api/tasks", task("AUDIT-OK")).status()).isEqualTo(201);

            // The broker now refuses every audit record (too large for the topic), while tasks still go through.
            auditRecordLimit(admin, "1");
            Answer first = api.post("/api/tasks", task("AUDIT-UNRECORDED"));
            assertThat(first.status()).isEqualTo(503);
            assertThat(first.json().get("field").asString()).isEqualTo("audit");
            assertThat(first.header("Retry-After")).isNotNull();

            Answer refused = api.post("/api/tasks", task("AUDIT-REFUSED"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("error").asString()).contains("not sent to the service");
            assertThat(api.get("/api/tasks/AUDIT-REFUSED").status()).as("never reached task-service").isEqualTo(404);
            assertThat(api.get("/api/tasks").status()).as("reads go on").isEqualTo(200);

            // Once entries go through again (a refused write's own entry is the probe), writes pass again.
            auditRecordLimit(admin, null);
            List<Integer> statuses = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Answer again = api.post("/api/tasks", task("AUDIT-AGAIN"));
                statuses.add(again.status());
                return again.status() == 201;
            });
            assertThat(statuses.subList(0, statuses.size() - 1)).allSatisfy(s -> assertThat(s).isEqualTo(503));
        } finally {
            gateway.close();
        }
    }

    private static String task(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"audit\",\"priority\":\"P3\",\"assignmentMode\":\"MANUAL\"}";
    }

    /** Sets (or, with null, removes) the audit topic's largest record size. */
    private static void auditRecordLimit(Admin admin, String bytes) {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, PREFIX + "audit.log");
        ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes == null ? "" : bytes);
        AlterConfigOp op = new AlterConfigOp(entry, bytes == null ? AlterConfigOp.OpType.DELETE
                : AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
