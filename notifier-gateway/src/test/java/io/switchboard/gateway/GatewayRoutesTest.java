package io.switchboard.gateway;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API through the gateway's one port, with task-service and the registry real and the others down. */
@WithKafka
class GatewayRoutesTest {

    private static ConfigurableApplicationContext tasks;
    private static ConfigurableApplicationContext agents;
    private static ConfigurableApplicationContext gateway;
    private static Api api;

    @BeforeAll
    static void start() {
        String[] args = {"--server.port=0", "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=gateway-"};
        tasks = TaskServiceApplication.application().run(args);
        agents = AgentRegistryApplication.application().run(args);
        gateway = GatewayApplication.application().run("--server.port=0",
                "--switchboard.security.enabled=false",
                "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=gateway-",
                "--switchboard.gateway.tasks-url=http://localhost:" + port(tasks),
                "--switchboard.gateway.agents-url=http://localhost:" + port(agents),
                "--switchboard.gateway.assignment-url=http://localhost:" + freePort(),
                "--switchboard.gateway.sla-url=http://localhost:" + freePort(),
                "--switchboard.gateway.max-body-bytes=10000");
        api = new Api(port(gateway));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        agents.close();
        tasks.close();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static int freePort() {
        return FreePorts.next();
    }

    @Test
    void theTaskApiWorksUnchangedThroughTheGateway() {
        Answer created = api.post("/api/tasks", "{\"id\":\"GW-1\",\"name\":\"Through the gateway\",\"priority\":\"P1\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.header("Location")).isEqualTo("/api/tasks/GW-1");
        Answer list = api.get("/api/tasks");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("success").asBoolean()).isTrue();
        assertThat(list.json().get("tasks").valueStream().map(t -> t.get("id").asString())).contains("GW-1");
        assertThat(api.get("/api/tasks/status/PENDING").status()).isEqualTo(200);
        Answer missing = api.get("/api/tasks/NOPE");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString()).isEqualTo("Task not found");
        assertThat(api.put("/api/tasks/GW-1/progress", "{\"progress\": 500}").status()).isEqualTo(400);
    }

    @Test
    void aWriteWithoutABodyPassesAsAnEmptyOne() throws Exception {
        assertThat(api.post("/api/tasks", "{\"id\":\"GW-EMPTY\",\"name\":\"Cancel me\"}").status()).isEqualTo(201);
        // As curl -X POST sends it: no body, no Content-Length, no Content-Type.
        try (Socket socket = new Socket("localhost", port(gateway))) {
            socket.getOutputStream().write(("POST /api/tasks/GW-EMPTY/cancel HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("CANCELLED");
        }
    }

    @Test
    void theAgentApiToo() {
        assertThat(api.post("/api/agents", "{\"id\":\"gw-agent\",\"capabilities\":[\"x\"]}").status()).isEqualTo(201);
        assertThat(api.get("/api/agents/gw-agent").json().get("agent").get("id").asString()).isEqualTo("gw-agent");
    }

    @Test
    void aServiceThatIsDownAnswersAJson503() {
        Answer assign = api.post("/api/tasks/GW-1/assign", null);
        assertThat(assign.status()).isEqualTo(503);
        assertThat(assign.json().get("error").asString()).contains("not reachable");
        assertThat(assign.json().get("path").asString()).isEqualTo("/api/tasks/GW-1/assign");
        assertThat(api.get("/api/sla").status()).isEqualTo(503);
        assertThat(api.get("/api/tasks/report/delegation").status()).isEqualTo(503);
    }

    @Test
    void anOversizedBodyIsRefusedAndCorsAllowsALocalDashboard() {
        Answer tooBig = api.post("/api/tasks", "{\"name\":\"" + "x".repeat(20_000) + "\"}");
        assertThat(tooBig.status()).isEqualTo(413);
        Answer preflight = api.raw("OPTIONS", "/api/tasks", null, "Origin", "http://localhost:5173",
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
    }
}
