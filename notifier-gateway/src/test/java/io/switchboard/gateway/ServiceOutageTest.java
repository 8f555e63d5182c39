package io.switchboard.gateway;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A service goes down behind the gateway: its routes answer a JSON 503, the others keep working; back, it recovers. */
@WithKafka
class ServiceOutageTest {

    @Test
    void aStoppedServiceAnswers503ThenRecoversByItselfWhileTheOthersKeepWorking() {
        int tasksPort = FreePorts.next();
        String[] common = {"--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=outage-", "--switchboard.instance-id=outage-tasks"};
        ConfigurableApplicationContext tasks = TaskServiceApplication.application()
                .run(with(common, "--server.port=" + tasksPort));
        ConfigurableApplicationContext agents = AgentRegistryApplication.application().run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=outage-");
        ConfigurableApplicationContext gateway = GatewayApplication.application().run("--server.port=0",
                "--switchboard.security.enabled=false",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=outage-", "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--switchboard.gateway.tasks-url=http://localhost:" + tasksPort,
                "--switchboard.gateway.agents-url=http://localhost:" + port(agents),
                "--switchboard.gateway.breaker.window=4", "--switchboard.gateway.breaker.minimum-calls=3",
                "--switchboard.gateway.breaker.open-for=2s");
        try {
            Api api = new Api(port(gateway));
            assertThat(api.post("/api/tasks", "{\"id\":\"OUT-1\",\"name\":\"Survives\"}").status()).isEqualTo(201);

            tasks.close();
            Answer down = api.get("/api/tasks/OUT-1");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().get("error").asString()).contains("not reachable");
            assertThat(down.header("Retry-After")).isEqualTo("2");
            assertThat(api.post("/api/agents", "{\"id\":\"still-here\"}").status()).isEqualTo(201);

            // Enough failures open the task-service circuit: the gateway answers without calling it.
            api.get("/api/tasks");
            api.post("/api/tasks", "{\"name\":\"Nowhere to go\"}");
            Answer open = api.get("/api/tasks/OUT-1");
            assertThat(open.status()).isEqualTo(503);
            assertThat(open.json().get("error").asString()).contains("circuit open");
            assertThat(api.get("/api/agents/still-here").status()).isEqualTo(200);

            tasks = TaskServiceApplication.application().run(with(common, "--server.port=" + tasksPort));
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/tasks/OUT-1").status() == 200);
            assertThat(api.get("/api/tasks/OUT-1").task().get("name").asString()).isEqualTo("Survives");
        } finally {
            gateway.close();
            agents.close();
            tasks.close();
        }
    }

    private static String[] with(String[] common, String extra) {
        String[] all = Arrays.copyOf(common, common.length + 1);
        all[common.length] = extra;
        return all;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
