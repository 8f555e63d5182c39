package io.switchboard.sla;

import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageDeserializer;
import io.switchboard.events.task.TaskSlaViolation;
import io.switchboard.events.task.TaskSlaWarning;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.clock.MutableClock;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.TopicReader;
import io.switchboard.testing.kafka.WithKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SLA monitor next to a real task-service, both on one test clock: SLA hours pass in no time. Each scenario
 * checks what reached the {@code task.sla-*} topics, the record of what happened.
 */
@WithKafka
class SlaMonitorTest {

    private static final Topics TOPICS = new Topics("sla-");
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-12T09:00:00Z"));
    private static ConfigurableApplicationContext tasks;
    private static ConfigurableApplicationContext monitor;

    @BeforeAll
    static void start() {
        tasks = on(TaskServiceApplication.application()).run(args("tasks"));
        monitor = on(SlaMonitorApplication.application()).run(args("monitor-1"));
    }

    @AfterAll
    static void stop() {
        monitor.close();
        tasks.close();
    }

    private static SpringApplicationBuilder on(SpringApplicationBuilder application) {
        return application.initializers(context -> context.getBeanFactory().registerSingleton("clock", CLOCK));
    }

    private static String[] args(String instance) {
        return new String[] {"--server.port=0", "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + TOPICS.prefix(), "--switchboard.instance-id=sla-" + instance};
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static String task(String priority, String extra) {
        String id = "S-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api(tasks).post("/api/tasks", "{\"id\":\"" + id + "\",\"name\":\"Work\",\"priority\":\"" + priority
                + "\"" + extra + "}").status()).isEqualTo(201);
        return id;
    }

    private static List<ConsumerRecord<String, Object>> events(MessageType type, String taskId) {
        try (var reader = TopicReader.of(TOPICS.of(type), new MessageDeserializer())) {
            return reader.pollToEnd().stream().filter(r -> r.key().equals(taskId)).toList();
        }
    }

    private static void awaitViolation(String taskId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(MessageType.TASK_SLA_VIOLATION, taskId).isEmpty());
    }

    @Test
    void aLateTaskIsWarnedOnceViolatedOnceAndEscalated() {
        String late = task("P1", "");
        CLOCK.advance(Duration.ofMinutes(24 * 60 * 8 / 10)); // the warning time: four fifths of a day
        await().atMost(Duration.ofSeconds(20)).until(() -> events(MessageType.TASK_SLA_WARNING, late).size() == 1);
        TaskSlaWarning warning = (TaskSlaWarning) events(MessageType.TASK_SLA_WARNING, late).get(0).value();
        assertThat(warning.task().id()).isEqualTo(late);
        assertThat(warning.remaining()).isEqualTo(Duration.ofMinutes(24 * 60 / 5));
        assertThat(warning.late()).isFalse();

        CLOCK.advance(Duration.ofMinutes(24 * 60 / 5));
        awaitViolation(late);
        TaskSlaViolation violation = (TaskSlaViolation) events(MessageType.TASK_SLA_VIOLATION, late).get(0).value();
        assertThat(violation.task().id()).isEqualTo(late);
        assertThat(violation.escalation()).isEqualTo("priority raised from P1 to P0");
        await().atMost(Duration.ofSeconds(20)).until(() -> api(tasks).get("/api/tasks/" + late).task()
                .get("priority").asString().equals("P0"));
        JsonNode history = api(tasks).get("/api/tasks/" + late + "/history").json().get("history");
        assertThat(history.get(history.size() - 1).get("actor").asString()).isEqualTo("sla-monitor");

        // The escalated P0's deadline (an hour from creation) has long passed: the same lateness is not flagged
        // again, and nothing chains, whatever happens to the task next.
        api(tasks).post("/api/tasks/" + late + "/cancel", "{\"reason\":\"no longer needed\"}");
        CLOCK.advance(Duration.ofHours(30));
        String sentinel = task("P0", "");
        CLOCK.advance(Duration.ofHours(2));
        awaitViolation(sentinel);
        assertThat(events(MessageType.TASK_SLA_WARNING, late)).hasSize(1);
        assertThat(events(MessageType.TASK_SLA_VIOLATION, late)).hasSize(1);
        assertThat(api(tasks).get("/api/tasks/" + late).task().get("priority").asString()).isEqualTo("P0");
    }

    @Test
    void nothingFiresForATaskFinishedInTimeACancelledOneOrAP3WithoutDueDate() {
        String inTime = task("P0", "");
        api(tasks).post("/api/tasks/import", "{\"id\":\"" + inTime + "-b\",\"name\":\"x\",\"priority\":\"P0\","
                + "\"status\":\"IN_PROGRESS\",\"agent\":\"a-1\"}");
        api(tasks).post("/api/tasks/" + inTime + "-b/complete", null);
        String cancelled = task("P0", "");
        api(tasks).post("/api/tasks/" + cancelled + "/cancel", null);
        String p3 = task("P3", "");
        String sentinel = task("P0", "");
        CLOCK.advance(Duration.ofHours(3));
        awaitViolation(sentinel);
        for (String quiet : List.of(inTime + "-b", cancelled, p3)) {
            assertThat(events(MessageType.TASK_SLA_WARNING, quiet)).as(quiet).isEmpty();
            assertThat(events(MessageType.TASK_SLA_VIOLATION, quiet)).as(quiet).isEmpty();
        }
        JsonNode standing = api(monitor).get("/api/sla").json();
        assertThat(standing.get("violated").valueStream().map(e -> e.get("taskId").asString())).contains(sentinel)
                .doesNotContain(cancelled, p3);
    }

    @Test
    void aPriorityChangeMovesTheDeadline() {
        String task = task("P2", "");
        api(tasks).put("/api/tasks/" + task + "/priority", "{\"priority\":\"P0\"}");
        CLOCK.advance(Duration.ofMinutes(61));
        awaitViolation(task);
        TaskSlaViolation violation = (TaskSlaViolation) events(MessageType.TASK_SLA_VIOLATION, task).get(0).value();
        Instant created = Instant.parse(api(tasks).get("/api/tasks/" + task).task().get("createdAt").asString());
        assertThat(violation.deadline()).isEqualTo(created.plus(Duration.ofHours(1)));
    }

    @Test
    void aRestartFiresWhatFellDueMeanwhileOnceAndMarksItLateAndTwoInstancesFireEachDeadlineOnce() {
        String before = task("P0", "");
        CLOCK.advance(Duration.ofMinutes(50));
        await().atMost(Duration.ofSeconds(20)).until(() -> events(MessageType.TASK_SLA_WARNING, before).size() == 1);
        monitor.close();
        String whileDown = task("P0", "");
        CLOCK.advance(Duration.ofMinutes(55));
        monitor = on(SlaMonitorApplication.application()).run(args("monitor-1"));
        try (ConfigurableApplicationContext second = on(SlaMonitorApplication.application()).run(args("monitor-2"))) {
            // Down over 'before''s deadline: its violation fires on start, late. 'whileDown' was created and passed
            // its warning time meanwhile: the warning fires on start, late.
            awaitViolation(before);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events(MessageType.TASK_SLA_WARNING, whileDown).size() == 1);
            String sentinel = task("P0", "");
            CLOCK.advance(Duration.ofHours(2));
            awaitViolation(sentinel);
            assertThat(events(MessageType.TASK_SLA_WARNING, before)).hasSize(1);
            assertThat(events(MessageType.TASK_SLA_VIOLATION, before)).hasSize(1);
            assertThat(((TaskSlaViolation) events(MessageType.TASK_SLA_VIOLATION, before).get(0).value()).late())
                    .isTrue();
            assertThat(events(MessageType.TASK_SLA_WARNING, whileDown)).hasSize(1);
            assertThat(((TaskSlaWarning) events(MessageType.TASK_SLA_WARNING, whileDown).get(0).value()).late())
                    .isTrue();
            assertThat(events(MessageType.TASK_SLA_VIOLATION, whileDown)).hasSize(1);
            assertThat(events(MessageType.TASK_SLA_VIOLATION, sentinel)).hasSize(1);
            assertThat(api(second).get("/api/sla/report?window=PT48H").json().get("byPriority").has("P0")).isTrue();
        }
    }
}
