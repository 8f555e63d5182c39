package io.switchboard.assignment;

import io.switchboard.assignment.support.Stack;
import io.switchboard.testing.clock.MutableClock;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AUTO mode on a test clock: pending tasks go to agents as soon as one has room, most urgent first; a task its agent
 * does not start in time is taken back and goes to another agent.
 */
@WithKafka
class AutomaticAssignmentTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack("assign-auto-").start(CLOCK, "--switchboard.assignment.ack-timeout=2m",
                "--switchboard.assignment.recheck=200ms");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String capability() {
        return "cap-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String agent(String capability, int max) {
        String id = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(stack.agents().post("/api/agents", "{\"id\":\"" + id + "\",\"capabilities\":[\"" + capability
                + "\"],\"maxConcurrentTasks\":" + max + ",\"heartbeatIntervalMs\":0}").status()).isEqualTo(201);
        return id;
    }

    private static String task(String capability, String priority) {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(stack.tasks().post("/api/tasks", "{\"id\":\"" + id + "\",\"name\":\"Work\",\"priority\":\""
                + priority + "\",\"requiredCapabilities\":[\"" + capability + "\"]}").status()).isEqualTo(201);
        return id;
    }

    private static JsonNode taskNow(String id) {
        return stack.tasks().get("/api/tasks/" + id).task();
    }

    @Test
    void pendingTasksAreAssignedAsSoonAsAnAgentHasRoomMostUrgentFirst() {
        String capability = capability();
        String low = task(capability, "P3");
        String urgent = task(capability, "P0");
        String agent = agent(capability, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> taskNow(urgent).get("status").asString().equals("ASSIGNED"));
        assertThat(taskNow(urgent).get("agent").asString()).isEqualTo(agent);
        assertThat(taskNow(low).get("status").asString()).isEqualTo("PENDING");
        Api tasks = stack.tasks();
        tasks.post("/api/tasks/" + urgent + "/start", null);
        tasks.post("/api/tasks/" + urgent + "/complete", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> taskNow(low).get("status").asString().equals("ASSIGNED"));
        assertThat(taskNow(low).get("agent").asString()).isEqualTo(agent);
    }

    @Test
    void aTaskNotStartedInTimeIsTakenBackAndOfferedToAnotherAgent() {
        String capability = capability();
        String first = agent(capability, 1);
        String task = task(capability, "P1");
        await().atMost(Duration.ofSeconds(20)).until(() -> taskNow(task).get("status").asString().equals("ASSIGNED"));
        String slow = taskNow(task).get("agent").asString();
        assertThat(slow).isEqualTo(first);
        String second = agent(capability, 1);

        CLOCK.advance(Duration.ofMinutes(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode now = taskNow(task);
            assertThat(now.get("status").asString()).isEqualTo("ASSIGNED");
            assertThat(now.get("agent").asString()).isEqualTo(second);
            assertThat(now.get("attempts").asInt()).isEqualTo(2);
        });
        JsonNode history = stack.tasks().get("/api/tasks/" + task + "/history").json().get("history");
        assertThat(history.valueStream().map(line -> line.get("reason").asString(""))).anyMatch(reason ->
                reason.startsWith("not started within"));
    }

    @Test
    void aFailedAttemptIsOfferedAgainOnlyAfterItsBackoffAndToAnotherAgent() {
        String capability = capability();
        String first = agent(capability, 1);
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(stack.tasks().post("/api/tasks", "{\"id\":\"" + id + "\",\"name\":\"Flaky\",\"priority\":\"P1\","
                + "\"requiredCapabilities\":[\"" + capability + "\"],\"maxAttempts\":2,\"retryBackoff\":\"PT10M\"}")
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> taskNow(id).get("status").asString().equals("ASSIGNED"));
        String second = agent(capability, 1);
        stack.tasks().post("/api/tasks/" + id + "/start", null);
        JsonNode failed = stack.tasks().post("/api/tasks/" + id + "/fail", "{\"reason\":\"flaky\"}").task();
        assertThat(failed.get("status").asString()).isEqualTo("PENDING");
        Instant retryAt = Instant.parse(failed.get("nextAttemptAt").asString());
        assertThat(retryAt).isAfter(CLOCK.instant().plus(Duration.ofMinutes(7)));

        // Within the backoff nothing happens, however often the decider looks.
        CLOCK.advance(Duration.ofMinutes(5));
        String pendingBody = stack.tasks().get("/api/tasks/" + id).body();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> stack.tasks().get("/api/tasks/" + id).body().equals(pendingBody));

        CLOCK.advance(Duration.ofMinutes(8));
        await().atMost(Duration.ofSeconds(20)).until(() -> taskNow(id).get("status").asString().equals("ASSIGNED"));
        assertThat(taskNow(id).get("agent").asString()).as("the agent that failed is avoided").isEqualTo(second)
                .isNotEqualTo(first);
        assertThat(taskNow(id).get("attempts").asInt()).isEqualTo(2);
    }
}
