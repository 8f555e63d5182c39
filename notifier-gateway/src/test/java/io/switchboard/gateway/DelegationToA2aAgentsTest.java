package io.switchboard.gateway;

import io.a2a.spec.TaskState;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static io.switchboard.gateway.WholeSystem.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Switchboard delegates to real A2A agents over HTTP ({@link ScriptedA2aAgent}): an agent registered from its card
 * gets the tasks the decider assigns it over A2A, and the Switchboard task follows the A2A task: one that works,
 * asks for input once and completes with an artifact; one that fails; one whose task is cancelled in Switchboard.
 * An agent that dies mid-task, and a dispatcher killed mid-task, are in {@link A2aDispatcherKillTest} (they need
 * time to pass, which the shared system's clock does not).
 */
@WithKafka
class DelegationToA2aAgentsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Api api;

    @BeforeAll
    static void start() {
        api = WholeSystem.gateway();
    }

    /** Registers the agent from its card through the gateway; its id, as the registry made it from the card. */
    private static String register(ScriptedA2aAgent agent, long heartbeatIntervalMs) {
        Api.Answer registered = api.post("/api/agents", "{\"a2a\":{\"cardUrl\":\"" + agent.cardUrl()
                + "\"},\"maxConcurrentTasks\":2,\"heartbeatIntervalMs\":" + heartbeatIntervalMs + "}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered.json().get("agent").get("id").asString();
    }

    private static String task(String name, String capability) {
        Api.Answer created = api.post("/api/tasks", "{\"name\":\"" + name + "\",\"description\":\"For the board\","
                + "\"priority\":\"P1\",\"requiredCapabilities\":[\"" + capability + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.task().get("id").asString();
    }

    private static JsonNode taskNow(String id) {
        return api.get("/api/tasks/" + id).task();
    }

    private static JsonNode dispatch(String id) {
        Api.Answer answer = api.get("/api/tasks/" + id + "/a2a");
        return answer.status() == 200 ? answer.json().get("dispatch") : null;
    }

    @Test
    void anAgentThatAsksForInputOnceCompletesWithItsArtifactKeptOnTheTask() throws Exception {
        String skill = unique("research");
        try (ScriptedA2aAgent agent = new ScriptedA2aAgent(unique("Research Agent"), skill, List.of(
                TaskState.WORKING, TaskState.INPUT_REQUIRED, TaskState.WORKING, TaskState.COMPLETED))) {
            String agentId = register(agent, 0);
            String id = task("Quarterly report", skill);
            await().atMost(WAIT).until(() -> dispatch(id) != null
                    && "input-required".equals(dispatch(id).get("state").asString()));
            assertThat(agent.received).singleElement().asString().contains("Quarterly report", "For the board");
            JsonNode waiting = dispatch(id);
            assertThat(waiting.get("agentId").asString()).isEqualTo(agentId);
            assertThat(waiting.get("message").asString()).isEqualTo("Which year should the report cover?");
            assertThat(taskNow(id).get("status").asString()).isEqualTo("IN_PROGRESS");

            Api.Answer replied = api.post("/api/tasks/" + id + "/a2a/reply", "{\"text\":\"2026\"}");
            assertThat(replied.status()).as(replied.body()).isEqualTo(202);
            await().atMost(WAIT).until(() -> "COMPLETED".equals(taskNow(id).get("status").asString()));
            JsonNode done = dispatch(id);
            assertThat(done.get("state").asString()).isEqualTo("completed");
            assertThat(done.get("artifacts").get(0).get("name").asString()).isEqualTo("report");
            assertThat(done.get("artifacts").get(0).get("text").asString()).isEqualTo("Report for 2026");
            JsonNode history = api.get("/api/tasks/" + id + "/history").json().get("history");
            assertThat(history.get(history.size() - 1).get("actor").asString()).isEqualTo(agentId);
        }
    }

    @Test
    void aFailedA2aTaskFailsTheAttemptWithTheAgentsReason() throws Exception {
        String skill = unique("render");
        try (ScriptedA2aAgent agent = new ScriptedA2aAgent(unique("Render Agent"), skill,
                List.of(TaskState.FAILED))) {
            register(agent, 0);
            String id = task("Render the video", skill);
            await().atMost(WAIT).until(() -> taskNow(id).get("failureReason").asString("").contains("no GPU"));
            assertThat(taskNow(id).get("failureReason").asString()).isEqualTo("A2A task failed: no GPU available");
            // Each attempt is a new A2A task at the agent (the retry policy may give the task back to it).
            assertThat(agent.received).isNotEmpty();
            await().atMost(WAIT).until(() -> "failed".equals(dispatch(id).get("state").asString()));
        }
    }

    @Test
    void aTaskCancelledInSwitchboardIsCancelledAtTheAgent() throws Exception {
        String skill = unique("translate");
        try (ScriptedA2aAgent agent = new ScriptedA2aAgent(unique("Translate Agent"), skill,
                List.of(TaskState.WORKING))) {
            register(agent, 0);
            String id = task("Translate the manual", skill);
            await().atMost(WAIT).until(() -> "IN_PROGRESS".equals(taskNow(id).get("status").asString()));
            String a2aTaskId = dispatch(id).get("a2aTaskId").asString();
            Api.Answer cancelled = api.post("/api/tasks/" + id + "/cancel", "{\"reason\":\"not needed\"}");
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            await().atMost(WAIT).until(() -> agent.methods().contains("tasks/cancel " + a2aTaskId));
            await().atMost(WAIT).until(() -> "canceled".equals(dispatch(id).get("state").asString()));
        }
    }

    @Test
    void aTaskNeverSentToAnA2aAgentHasNoA2aSide() {
        Api.Answer answer = api.get("/api/tasks/" + unique("TASK") + "/a2a");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asString()).isEqualTo("A2A dispatch not found");
    }
}
