package io.switchboard.task.observability;

import io.switchboard.aggregate.AggregateRuntime;
import io.switchboard.aggregate.AggregateRuntimeHealth;
import io.switchboard.aggregate.KafkaClients;
import io.switchboard.events.Topics;
import io.switchboard.events.command.CommandResult;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.RetryPolicy;
import io.switchboard.events.task.TaskState;
import io.switchboard.task.lifecycle.TaskAggregate;
import io.switchboard.task.lifecycle.TaskDefaults;
import io.switchboard.task.lifecycle.TaskLifecycle;
import io.switchboard.task.lifecycle.TaskRetention;
import io.switchboard.task.support.TaskFixtures;
import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.metrics.Prometheus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health groups, metrics that follow the tasks, request ids and the OpenAPI document, over HTTP on a real broker. */
@WithKafka
class TaskObservabilityTest {

    private static final String PREFIX = "obs-";
    private static TaskServiceInstance service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = TaskServiceInstance.start(PREFIX, "obs-1");
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static double tasks(String status, String priority) {
        return Prometheus.scrape(api).require("switchboard_tasks", "status", status, "priority", priority);
    }

    @Test
    void readinessAndLivenessGroupsAreUpWithTheKafkaStateCaughtUp() {
        Answer readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        JsonNode runtime = readiness.json().get("components").get("taskRuntime");
        assertThat(runtime.get("status").asString()).isEqualTo("UP");
        assertThat(runtime.get("details").get("caughtUp").asBoolean()).isTrue();
        assertThat(runtime.get("details").get("stateTopic").asString()).isEqualTo(PREFIX + "task.state");
        Answer liveness = api.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void theRuntimeIsOutOfServiceUntilItHasReadItsStateTopic() {
        KafkaClients clients = new KafkaClients(KafkaTestBroker.bootstrapServers(), "task-service", "obs-probe",
                new Topics(PREFIX), Duration.ofSeconds(10));
        TaskLifecycle lifecycle = new TaskLifecycle(new TaskDefaults(Priority.P2, new RetryPolicy(1,
                Duration.ofSeconds(30)), 100, TaskRetention.FOREVER));
        AggregateRuntime<TaskState, TaskCommand, CommandResult> runtime = new AggregateRuntime<>(clients,
                new TaskAggregate(lifecycle), new MessageCodec("/switchboard/task-service"), Clock.systemUTC(),
                new AggregateRuntime.Settings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO,
                        Duration.ofSeconds(30)));
        AggregateRuntimeHealth health = new AggregateRuntimeHealth(runtime);
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.health().getDetails()).containsEntry("caughtUp", false);
            TaskFixtures.created(api, "");
            runtime.start();
            // Started means read to the end: every task committed before is in its store.
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(runtime.store().size()).isPositive();
            runtime.stop();
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        } finally {
            runtime.close();
        }
    }

    @Test
    void taskGaugesMoveWhenTasksMove() {
        double pending = tasks("PENDING", "P0");
        double cancelled = tasks("CANCELLED", "P0");
        String first = TaskFixtures.created(api, ",\"priority\":\"P0\"");
        TaskFixtures.created(api, ",\"priority\":\"P0\"");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(tasks("PENDING", "P0")).isEqualTo(pending + 2));
        assertThat(api.post("/api/tasks/" + first + "/cancel", "{\"reason\":\"metrics\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(tasks("PENDING", "P0")).isEqualTo(pending + 1);
            assertThat(tasks("CANCELLED", "P0")).isEqualTo(cancelled + 1);
        });
        Prometheus metrics = Prometheus.scrape(api);
        assertThat(metrics.find("switchboard_tasks")).hasSize(6 * 4);
        assertThat(metrics.value("switchboard_assignment_latency_seconds_count")).isPresent();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Prometheus.scrape(api)
                .require("switchboard_consumer_lag", "aggregate", "tasks", "consumer", "state")).isZero());
        assertThat(metrics.value("switchboard_consumer_lag", "aggregate", "tasks", "consumer", "commands"))
                .isPresent();
    }

    @Test
    void everyAnswerCarriesARequestIdAndKeepsTheCallersOwn() {
        Answer fresh = api.get("/api/tasks?limit=1");
        assertThat(fresh.header("X-Request-Id")).isNotBlank();
        Answer given = api.raw("GET", "/api/tasks?limit=1", null, "X-Request-Id", "req-42");
        assertThat(given.header("X-Request-Id")).isEqualTo("req-42");
        Answer forged = api.raw("GET", "/api/tasks?limit=1", null, "X-Request-Id", "bad id; INFO forged");
        assertThat(forged.header("X-Request-Id")).isNotEqualTo("bad id; INFO forged").isNotBlank();
    }

    @Test
    void theOpenApiDocumentDescribesTheTaskApi() {
        Answer docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("openapi").asString()).startsWith("3.");
        assertThat(docs.json().get("paths").has("/api/tasks")).isTrue();
        assertThat(docs.json().get("paths").has("/api/tasks/{taskId}")).isTrue();
        assertThat(docs.json().get("paths").get("/api/tasks").has("post")).isTrue();
    }
}
