package io.switchboard.assignment.api;

import io.switchboard.assignment.support.Stack;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed's assignment endpoints over HTTP, with the decider, task-service and the registry all real. */
@WithKafka
class AssignmentApiTest {

    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack("assign-api-").start(null, "--switchboard.assignment.mode=MANUAL",
                "--switchboard.assignment.capacity-refresh=200ms");
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.assignment().get("/actuator/health").json()
                .get("status").asString().equals("UP"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String agent(String capability, int max) {
        String id = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(stack.agents().post("/api/agents", "{\"id\":\"" + id + "\",\"name\":\"Agent " + id + "\","
                + "\"capabilities\":[\"" + capability + "\"],\"maxConcurrentTasks\":" + max + ",\"heartbeatIntervalMs\":0}")
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.assignment().get("/api/tasks/report/delegation")
                .body().contains(id));
        return id;
    }

    private static String task(String capability, String priority) {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(stack.tasks().post("/api/tasks", "{\"id\":\"" + id + "\",\"name\":\"Work\",\"priority\":\""
                + priority + "\",\"requiredCapabilities\":[\"" + capability + "\"]}").status()).isEqualTo(201);
        return id;
    }

    private static String capability() {
        return "cap-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void assignGivesTheTaskToTheBestEligibleAgentInTheSeedsShape() {
        String capability = capability();
        String weak = agent(capability, 3);
        stack.agents().raw("PATCH", "/api/agents/" + weak, "{\"name\":\"Weak\"}");
        String task = task(capability.toUpperCase(), "P1");
        Answer assigned = stack.assignment().post("/api/tasks/" + task + "/assign", null);
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.json().get("success").asBoolean()).isTrue();
        assertThat(assigned.json().get("message").asString()).startsWith("Task assigned to");
        JsonNode assignedTask = assigned.json().get("task");
        assertThat(assignedTask.get("id").asString()).isEqualTo(task);
        assertThat(assignedTask.get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(assignedTask.get("agent").asString()).isEqualTo(weak);
        assertThat(assigned.json().get("agent").get("id").asString()).isEqualTo(weak);
        assertThat(stack.tasks().get("/api/tasks/" + task).task().get("agent").asString()).isEqualTo(weak);
        JsonNode history = stack.tasks().get("/api/tasks/" + task + "/history").json().get("history");
        assertThat(history.get(history.size() - 1).get("actor").asString()).isEqualTo("assignment-service");
        assertThat(history.get(history.size() - 1).get("reason").asString()).isNotBlank();
    }

    @Test
    void assignToANamedAgentOnlyWhenItIsEligible() {
        String capability = capability();
        String able = agent(capability, 2);
        String unable = agent(capability(), 2);
        String task = task(capability, "P2");
        Answer refused = stack.assignment().post("/api/tasks/" + task + "/assign", "{\"agentId\":\"" + unable + "\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("agentId");
        assertThat(refused.json().get("error").asString()).contains("MISSING_CAPABILITY");
        Answer unknown = stack.assignment().post("/api/tasks/" + task + "/assign", "{\"agentId\":\"nobody\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asString()).isEqualTo("Agent not found");
        Answer named = stack.assignment().post("/api/tasks/" + task + "/assign", "{\"agentId\":\"" + able + "\"}");
        assertThat(named.status()).isEqualTo(200);
        assertThat(named.json().get("task").get("agent").asString()).isEqualTo(able);
    }

    @Test
    void assignErrorsUseTheSeedsAnswers() {
        Answer missing = stack.assignment().post("/api/tasks/NOPE-1/assign", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString()).isEqualTo("Task not found");
        assertThat(missing.json().get("taskId").asString()).isEqualTo("NOPE-1");

        Answer nobody = stack.assignment().post("/api/tasks/" + task(capability(), "P3") + "/assign", null);
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.json().get("error").asString()).isEqualTo("No available agent for task");

        String capability = capability();
        agent(capability, 1);
        String first = task(capability, "P2");
        assertThat(stack.assignment().post("/api/tasks/" + first + "/assign", null).status()).isEqualTo(200);
        Answer again = stack.assignment().post("/api/tasks/" + first + "/assign", null);
        assertThat(again.status()).isEqualTo(409);
        Answer full = stack.assignment().post("/api/tasks/" + task(capability, "P2") + "/assign", null);
        assertThat(full.status()).as("the only agent is at its limit").isEqualTo(404);
        assertThat(stack.assignment().post("/api/tasks/x/assign", "{\"agent\":1}").status()).isEqualTo(400);
    }

    @Test
    void queueNextAssignsTheMostUrgentAssignableTaskThenSaysWhenThereIsNone() {
        String capability = capability();
        String low = task(capability, "P3");
        String urgent = task(capability, "P0");
        String agent = agent(capability, 1);
        Answer next = stack.assignment().post("/api/tasks/queue/next", null);
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.json().get("task").get("id").asString()).isEqualTo(urgent);
        assertThat(next.json().get("agent").get("id").asString()).isEqualTo(agent);
        stack.tasks().post("/api/tasks/" + low + "/cancel", null);
        Answer none = stack.assignment().post("/api/tasks/queue/next", null);
        while (none.json().get("task") != null && !none.json().get("task").isNull()) {
            none = stack.assignment().post("/api/tasks/queue/next", null);
        }
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("success").asBoolean()).isTrue();
        assertThat(none.json().get("message").asString()).isEqualTo("No tasks in queue");
    }

    @Test
    void capacityGivesAKnownQueuesBacklogAndFreeSlotsOverRestAndAsMetrics() {
        String capability = capability();
        agent(capability, 2);
        String first = task(capability, "P1");
        task(capability, "P2");
        assertThat(stack.tasks().post("/api/tasks", "{\"name\":\"Team work\",\"priority\":\"P2\","
                + "\"requiredCapabilities\":[\"" + capability.toUpperCase() + "\"],\"fairnessKey\":\"team-a\"}").status())
                .isEqualTo(201);
        assertThat(stack.assignment().post("/api/tasks/" + first + "/assign", "{}").status()).isEqualTo(200);

        Answer capacity = stack.assignment().get("/api/capacity");
        assertThat(capacity.status()).isEqualTo(200);
        JsonNode line = capacity.json().get("capabilities").valueStream()
                .filter(l -> l.get("capability").asString().equals(capability)).findFirst().orElseThrow();
        assertThat(line.get("pending").asInt()).as(capacity.body()).isEqualTo(2);
        assertThat(line.get("assignedNotStarted").asInt()).isEqualTo(1);
        assertThat(line.get("inProgress").asInt()).isZero();
        assertThat(line.get("agents").asInt()).isEqualTo(1);
        assertThat(line.get("freeSlots").asInt()).isEqualTo(1);
        assertThat(line.get("oldestPendingSeconds").asLong()).isNotNegative();
        assertThat(line.get("byFairnessKey").get(0).get("fairnessKey").asString()).isEqualTo("team-a");
        assertThat(line.get("byFairnessKey").get(0).get("pending").asInt()).isEqualTo(1);

        String tag = "capability=\"" + capability + "\"";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = stack.assignment().get("/actuator/prometheus").body();
            assertThat(metrics).contains("switchboard_capacity_pending{application=\"assignment-service\"," + tag
                    + "} 2.0").contains("switchboard_capacity_assigned_not_started{application=\"assignment-service\","
                    + tag + "} 1.0").contains("switchboard_capacity_free_slots{application=\"assignment-service\","
                    + tag + "} 1.0").contains("switchboard_capacity_pending_by_fairness{application="
                    + "\"assignment-service\"," + tag + ",fairness_key=\"team-a\"} 1.0");
        });
    }

    @Test
    void theDelegationReportCountsTasksAgentsQueueAndSla() {
        String capability = capability();
        String agent = agent(capability, 2);
        task(capability, "P1");
        Answer report = stack.assignment().get("/api/tasks/report/delegation");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("success").asBoolean()).isTrue();
        assertThat(report.json().get("totals").get("tasks").asInt()).isPositive();
        assertThat(report.json().get("queue").get("depth").asInt()).isPositive();
        assertThat(report.json().get("agents").valueStream().map(a -> a.get("id").asString())).contains(agent);
        assertThat(report.json().get("sla").has("violated")).isTrue();
    }

    @Test
    void theReportAlsoAnswersInTheSeedServersShapeRightAfterAnAssignment() {
        String capability = capability();
        String agent = agent(capability, 2);
        String assigned = task(capability, "P0");
        assertThat(stack.assignment().post("/api/tasks/" + assigned + "/assign", null).status()).isEqualTo(200);
        JsonNode body = stack.assignment().get("/api/tasks/report/delegation").json();
        JsonNode report = body.get("report");
        JsonNode summary = report.get("summary");
        assertThat(summary.get("totalTasks").asInt()).isEqualTo(body.get("totals").get("tasks").asInt());
        assertThat(summary.get("pending").asInt()).isEqualTo(body.get("queue").get("depth").asInt());
        assertThat(summary.propertyNames()).containsExactly("totalTasks", "completed", "inProgress", "pending",
                "failed");
        assertThat(report.get("tasksByPriority").propertyNames()).containsExactly("P0", "P1", "P2", "P3");
        JsonNode line = report.get("agents").valueStream().filter(a -> a.get("id").asString().equals(agent))
                .findFirst().orElseThrow();
        assertThat(line.get("currentLoad").asString()).isEqualTo("1/2");
        assertThat(line.get("reliability").asString()).matches("\\d+%");
        JsonNode newest = report.get("recentActivity").get(0);
        assertThat(newest.get("id").asString()).isEqualTo(assigned);
        assertThat(newest.get("agent").asString()).isEqualTo(agent);
        assertThat(newest.get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(report.get("recentActivity").size()).isLessThanOrEqualTo(10);
    }

}
