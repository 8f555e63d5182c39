package io.switchboard.agent.api;

import io.switchboard.agent.support.Services;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the agent API over HTTP, on a real registry and a real broker. */
@WithKafka
class AgentApiTest {

    private static Services.Running registry;
    private static Api api;

    @BeforeAll
    static void start() {
        registry = Services.registry("agent-api-", "agent-api-1", null);
        api = registry.api();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static String newId() {
        return "agent-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String register(String id, String extra) {
        Answer answer = api.post("/api/agents", "{\"id\":\"" + id + "\",\"name\":\"Security Agent\","
                + "\"capabilities\":[\"security\",\"audit\"],\"maxConcurrentTasks\":2,\"reliability\":0.95" + extra + "}");
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
        return id;
    }

    @Test
    void registerAnswers201ThenRegisteringAgainAnswers200() {
        String id = newId();
        Answer created = api.post("/api/agents", "{\"id\":\"" + id + "\",\"name\":\"Security Agent\","
                + "\"capabilities\":[\"security\"],\"maxConcurrentTasks\":1,\"reliability\":0.95}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode agent = created.json().get("agent");
        assertThat(created.json().get("success").asBoolean()).isTrue();
        assertThat(agent.get("id").asString()).isEqualTo(id);
        assertThat(agent.get("status").asString()).isEqualTo("IDLE");
        assertThat(agent.get("capabilities").get(0).asString()).isEqualTo("security");
        assertThat(agent.get("reliability").asDouble()).isEqualTo(0.95);
        assertThat(agent.get("currentTasks").size()).isZero();
        assertThat(agent.get("utilisation").asDouble()).isZero();
        Answer again = api.post("/api/agents", "{\"id\":\"" + id + "\",\"maxConcurrentTasks\":3}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("agent").get("maxConcurrentTasks").asInt()).isEqualTo(3);
        assertThat(again.json().get("agent").get("name").asString()).isEqualTo("Security Agent");
    }

    @Test
    void registerErrorsNameTheField() {
        assertThat(registerError("{\"name\":\"no id\"}")).isEqualTo("id");
        assertThat(registerError("{\"id\":\"bad id!\"}")).isEqualTo("id");
        assertThat(registerError("{\"id\":\"a1\",\"maxConcurrentTasks\":0}")).isEqualTo("maxConcurrentTasks");
        assertThat(registerError("{\"id\":\"a1\",\"maxConcurrentTasks\":-2}")).isEqualTo("maxConcurrentTasks");
        assertThat(registerError("{\"id\":\"a1\",\"reliability\":1.5}")).isEqualTo("reliability");
        assertThat(registerError("{\"id\":\"a1\",\"reliability\":\"high\"}")).isEqualTo("reliability");
        assertThat(registerError("{\"id\":\"a1\",\"capabilities\":[\"\"]}")).isEqualTo("capabilities");
        assertThat(registerError("{\"id\":\"a1\",\"capabilities\":\"docs\"}")).isEqualTo("capabilities");
        assertThat(registerError("{\"id\":\"a1\",\"heartbeatIntervalMs\":-5}")).isEqualTo("heartbeatIntervalMs");
        assertThat(registerError("{\"id\":\"a1\",\"colour\":\"blue\"}")).isEqualTo("colour");
        assertThat(registerError("{\"id\": ")).isEqualTo("body");
    }

    private static String registerError(String body) {
        Answer answer = api.post("/api/agents", body);
        assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
        return answer.json().get("field").asString();
    }

    @Test
    void getOneAnswersTheAgentAnd404ForAnUnknownOne() {
        String id = register(newId(), "");
        Answer found = api.get("/api/agents/" + id);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("agent").get("name").asString()).isEqualTo("Security Agent");
        Answer missing = api.get("/api/agents/nobody");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString()).isEqualTo("Agent not found");
        assertThat(missing.json().get("agentId").asString()).isEqualTo("nobody");
    }

    @Test
    void listsAllAgentsWithFiltersOnStatusAndCapability() {
        String idle = register(newId(), ",\"capabilities\":[\"n8n\",\"Workflows\"]");
        String offline = register(newId(), ",\"capabilities\":[\"n8n\"]");
        api.put("/api/agents/" + offline + "/status", "{\"status\":\"OFFLINE\"}");
        Answer all = api.get("/api/agents");
        assertThat(all.json().get("success").asBoolean()).isTrue();
        assertThat(all.json().get("count").asInt()).isEqualTo(all.json().get("agents").size());
        assertThat(ids(api.get("/api/agents?capability=workflows"))).contains(idle).doesNotContain(offline);
        assertThat(ids(api.get("/api/agents?capability=n8n&status=OFFLINE"))).contains(offline).doesNotContain(idle);
        Answer bad = api.get("/api/agents?status=SLEEPING");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("status");
    }

    private static java.util.List<String> ids(Answer answer) {
        return answer.json().get("agents").valueStream().map(a -> a.get("id").asString()).toList();
    }

    @Test
    void statusIsSetByAnOperatorAndChecked() {
        String id = register(newId(), "");
        Answer offline = api.put("/api/agents/" + id + "/status", "{\"status\":\"OFFLINE\"}");
        assertThat(offline.status()).isEqualTo(200);
        assertThat(offline.json().get("agent").get("status").asString()).isEqualTo("OFFLINE");
        Answer active = api.put("/api/agents/" + id + "/status", "{\"status\":\"ACTIVE\"}");
        assertThat(active.json().get("agent").get("status").asString()).isEqualTo("IDLE");
        assertThat(api.put("/api/agents/" + id + "/status", "{\"status\":\"ASLEEP\"}").json().get("field")
                .asString()).isEqualTo("status");
        assertThat(api.put("/api/agents/" + id + "/status", "{}").status()).isEqualTo(400);
        assertThat(api.put("/api/agents/nobody/status", "{\"status\":\"OFFLINE\"}").status()).isEqualTo(404);
    }

    @Test
    void tasksOfAnAgentUseTheSeedShape() {
        String id = register(newId(), "");
        Answer tasks = api.get("/api/agents/" + id + "/tasks");
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.json().get("success").asBoolean()).isTrue();
        assertThat(tasks.json().get("tasks").size()).isZero();
        assertThat(tasks.json().get("count").asInt()).isZero();
        assertThat(api.get("/api/agents/nobody/tasks").status()).isEqualTo(404);
    }

    @Test
    void heartbeatsKeepTheAgentAliveAndMayReportOverload() {
        String id = register(newId(), "");
        Answer beat = api.post("/api/agents/" + id + "/heartbeat", null);
        assertThat(beat.status()).isEqualTo(200);
        assertThat(beat.json().get("agent").get("lastHeartbeat").isNull()).isFalse();
        Answer overloaded = api.post("/api/agents/" + id + "/heartbeat",
                "{\"runningTasks\":[\"T-1\"],\"overloaded\":true}");
        assertThat(overloaded.json().get("agent").get("status").asString()).isEqualTo("OVERLOADED");
        assertThat(api.get("/api/agents/" + id + "/tasks").json().get("reportedByAgent").get(0).asString())
                .isEqualTo("T-1");
        assertThat(api.post("/api/agents/" + id + "/heartbeat", "{\"overloaded\":\"yes\"}").json().get("field")
                .asString()).isEqualTo("overloaded");
        assertThat(api.post("/api/agents/nobody/heartbeat", null).status()).isEqualTo(404);
    }

    @Test
    void patchChangesNameCapabilitiesAndLimit() {
        String id = register(newId(), "");
        Answer patched = api.raw("PATCH", "/api/agents/" + id, "{\"name\":\"Sec\",\"capabilities\":[\"audit\"],"
                + "\"maxConcurrentTasks\":4}");
        assertThat(patched.status()).isEqualTo(200);
        JsonNode agent = patched.json().get("agent");
        assertThat(agent.get("name").asString()).isEqualTo("Sec");
        assertThat(agent.get("capabilities").size()).isEqualTo(1);
        assertThat(agent.get("maxConcurrentTasks").asInt()).isEqualTo(4);
        assertThat(api.raw("PATCH", "/api/agents/" + id, "{\"maxConcurrentTasks\":0}").json().get("field").asString())
                .isEqualTo("maxConcurrentTasks");
        assertThat(api.raw("PATCH", "/api/agents/" + id, "{\"reliability\":1}").json().get("field").asString())
                .isEqualTo("reliability");
        assertThat(api.raw("PATCH", "/api/agents/nobody", "{\"name\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void deregisteringAnIdleAgentRemovesItAtOnce() {
        String id = register(newId(), "");
        Answer removed = api.raw("DELETE", "/api/agents/" + id, null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("agent").get("deregistering").asBoolean()).isTrue();
        assertThat(api.get("/api/agents/" + id).status()).isEqualTo(404);
        assertThat(api.raw("DELETE", "/api/agents/" + id, null).status()).isEqualTo(404);
        assertThat(api.post("/api/agents/" + id + "/heartbeat", null).status()).isEqualTo(404);
        assertThat(register(id, "")).isEqualTo(id);
        assertThat(api.get("/api/agents/" + id).status()).isEqualTo(200);
    }
}
