package io.switchboard.gateway;

import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static io.switchboard.gateway.WholeSystem.agent;
import static io.switchboard.gateway.WholeSystem.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the gateway, a write answered 2xx is seen by the very next read, whichever service answers it: the seed's
 * own flows, each with no wait between the write and the read, repeated 100 times.
 */
@WithKafka
class ReadYourWritesAcrossServicesTest {

    private static final int TIMES = 100;

    private static Api api;

    @BeforeAll
    static void start() {
        api = WholeSystem.gateway();
    }

    private static void manualTask(String id, String priority, String capability) {
        Answer created = api.post("/api/tasks", "{\"id\":\"" + id + "\",\"name\":\"Read after write\",\"priority\":\""
                + priority + "\",\"requiredCapabilities\":[\"" + capability + "\"],\"assignmentMode\":\"MANUAL\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static List<String> heldBy(String agent) {
        Answer tasks = api.get("/api/agents/" + agent + "/tasks");
        assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
        assertThat(tasks.header("X-Switchboard-Stale-Ms")).as("answered as current").isNull();
        return tasks.json().get("tasks").valueStream()
                .map(task -> task.get("id").asString() + ":" + task.get("status").asString()).toList();
    }

    @Test
    void aTaskCreatedIsTheNextOfTheQueueAtOnce() {
        for (int i = 0; i < TIMES; i++) {
            String capability = unique("rw-queue");
            agent(unique("rw-queue-agent"), capability);
            String task = unique("RW-Q");
            manualTask(task, "P0", capability);
            Answer next = api.post("/api/tasks/queue/next", null);
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            assertThat(next.json().get("task").isNull()).as("round %d: %s", i, next.body()).isFalse();
            assertThat(next.json().get("task").get("id").asString()).as("round %d", i).isEqualTo(task);
        }
    }

    @Test
    void aTaskJustAssignedIsNotTheNextOfTheQueue() {
        for (int i = 0; i < TIMES; i++) {
            String capability = unique("rw-taken");
            String agent = unique("rw-taken-agent");
            agent(agent, capability);
            String task = unique("RW-T");
            manualTask(task, "P0", capability);
            Answer assigned = api.post("/api/tasks/" + task + "/assign", "{\"agentId\":\"" + agent + "\"}");
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
            Answer next = api.post("/api/tasks/queue/next", null);
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            JsonNode taken = next.json().get("task");
            assertThat(taken == null || taken.isNull() ? null : taken.get("id").asString())
                    .as("round %d: %s", i, next.body()).isNotEqualTo(task);
        }
    }

    @Test
    void anAssignedTaskIsListedByItsAgentAtOnceAndAFailedOneNoMore() {
        String capability = unique("rw-held");
        String agent = unique("rw-held-agent");
        agent(agent, capability);
        for (int i = 0; i < TIMES; i++) {
            String task = unique("RW-H");
            manualTask(task, "P1", capability);
            Answer assigned = api.post("/api/tasks/" + task + "/assign", "{\"agentId\":\"" + agent + "\"}");
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
            assertThat(heldBy(agent)).as("round %d, right after the assignment", i).containsExactly(task + ":ASSIGNED");
            Answer failed = api.post("/api/tasks/" + task + "/fail", "{\"reason\":\"read-your-writes\"}");
            assertThat(failed.status()).as(failed.body()).isEqualTo(200);
            assertThat(heldBy(agent)).as("round %d, right after the failure", i).isEmpty();
        }
    }

    @Test
    void theDelegationReportCountsAWriteAnsweredJustBefore() {
        String capability = unique("rw-report");
        String agent = unique("rw-report-agent");
        agent(agent, capability);
        for (int i = 0; i < TIMES; i++) {
            JsonNode before = report();
            String task = unique("RW-R");
            manualTask(task, "P2", capability);
            JsonNode created = report();
            assertThat(created.get("summary").get("totalTasks").asInt()).as("round %d", i)
                    .isEqualTo(before.get("summary").get("totalTasks").asInt() + 1);
            assertThat(created.get("tasksByPriority").get("P2").asInt()).as("round %d", i)
                    .isEqualTo(before.get("tasksByPriority").get("P2").asInt() + 1);
            Answer assigned = api.post("/api/tasks/" + task + "/assign", "{\"agentId\":\"" + agent + "\"}");
            assertThat(assigned.status()).as("round %d: %s", i, assigned.body()).isEqualTo(200);
            assertThat(load(report(), agent)).as("round %d, after the assignment", i).isEqualTo("1/1");
            Answer cancelled = api.post("/api/tasks/" + task + "/cancel", "{\"reason\":\"read-your-writes\"}");
            assertThat(cancelled.status()).as("round %d: %s", i, cancelled.body()).isEqualTo(200);
            assertThat(load(report(), agent)).as("round %d, after the cancel", i).isEqualTo("0/1");
        }
    }

    private static JsonNode report() {
        Answer report = api.get("/api/tasks/report/delegation");
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        return report.json().get("report");
    }

    private static String load(JsonNode report, String agent) {
        return report.get("agents").valueStream().filter(line -> line.get("id").asString().equals(agent))
                .map(line -> line.get("currentLoad").asString()).findFirst().orElseThrow();
    }
}
