package io.switchboard.gateway;

import io.a2a.spec.TaskState;
import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.assignment.AssignmentApplication;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.process.ChildService;
import io.switchboard.testing.stack.ServiceStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What time and crashes do to a task sent to an A2A agent, on services with a real clock and a gateway in a process
 * of its own: a gateway killed with SIGKILL mid-task leaves the next one to follow the A2A task to its end (not to
 * send it again, and its dispatch leaves with the task when the task is archived), an agent that dies mid-task goes
 * OFFLINE and its task goes back to the queue, and a streaming agent's events (or a pushing agent's notifications)
 * move its task along without waiting for the next poll.
 */
@WithKafka
class A2aDispatcherKillTest {

    private static final String PREFIX = "a2a-kill-";
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static ServiceStack stack;
    private static Api tasks;

    @BeforeAll
    static void start() {
        stack = new ServiceStack(PREFIX, null);
        // Finished tasks archived 3 s after they end, so that a dispatch is seen leaving with its task.
        stack.start("tasks", TaskServiceApplication.application(), "--switchboard.tasks.retention=3s",
                "--switchboard.tasks.retention-check=1s");
        stack.start("agents", AgentRegistryApplication.application());
        stack.start("assignment", AssignmentApplication.application());
        tasks = stack.api("tasks");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static ChildService gateway(String name, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--switchboard.security.enabled=false",
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + "gateway",
                "--switchboard.notifications.enabled=false", "--switchboard.a2a.delegation.agents-refresh=1s",
                "--switchboard.gateway.socket-io-port=" + FreePorts.next(),
                "--switchboard.gateway.tasks-url=" + stack.url("tasks"),
                "--switchboard.gateway.agents-url=" + stack.url("agents"),
                "--switchboard.gateway.assignment-url=" + stack.url("assignment")));
        args.addAll(List.of(extra));
        return ChildService.start(name, GatewayApplication.class, args.toArray(String[]::new));
    }

    private static String register(Api api, ScriptedA2aAgent agent, long heartbeatIntervalMs) {
        Api.Answer registered = api.post("/api/agents", "{\"a2a\":{\"cardUrl\":\"" + agent.cardUrl()
                + "\"},\"heartbeatIntervalMs\":" + heartbeatIntervalMs + "}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered.json().get("agent").get("id").asString();
    }

    private static String task(Api api, String name, String capability) {
        Api.Answer created = api.post("/api/tasks", "{\"name\":\"" + name + "\",\"priority\":\"P1\","
                + "\"requiredCapabilities\":[\"" + capability + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.task().get("id").asString();
    }

    private static String status(String id) {
        return tasks.get("/api/tasks/" + id).task().get("status").asString();
    }

    @Test
    void aGatewayKilledMidTaskLeavesTheNextOneToFollowItToItsEndWithoutSendingItAgain() throws Exception {
        List<TaskState> script = new java.util.ArrayList<>(Collections.nCopies(6, TaskState.WORKING));
        script.add(TaskState.COMPLETED);
        try (ScriptedA2aAgent agent = new ScriptedA2aAgent("Kill Survivor", "survive-kill", script)) {
            String id;
            try (ChildService gateway = gateway("a2a-kill-gateway-1")) {
                register(gateway.api(), agent, 0);
                id = task(gateway.api(), "Outlive the gateway", "survive-kill");
                await().atMost(WAIT).until(() -> "IN_PROGRESS".equals(status(id)));
                gateway.kill();
            }
            assertThat(status(id)).isEqualTo("IN_PROGRESS");
            try (ChildService gateway = gateway("a2a-kill-gateway-2")) {
                await().atMost(WAIT).until(() -> "COMPLETED".equals(status(id)));
                JsonNode dispatch = gateway.api().get("/api/tasks/" + id + "/a2a").json().get("dispatch");
                assertThat(dispatch.get("state").asString()).isEqualTo("completed");
                // Archived with its task: the dispatch leaves a2a.dispatches too.
                await().atMost(WAIT).until(() -> tasks.get("/api/tasks/" + id).status() == 404);
                await().atMost(WAIT).until(() -> gateway.api().get("/api/tasks/" + id + "/a2a").status() == 404);
            }
            assertThat(agent.received).as("the task was sent to the agent once").hasSize(1);
        }
    }

    @Test
    void anAgentThatDiesMidTaskGoesOfflineAndItsTaskGoesBackToTheQueue() throws Exception {
        ScriptedA2aAgent agent = new ScriptedA2aAgent("Crawl Agent", "crawl-then-die", List.of(TaskState.WORKING));
        try (ChildService gateway = gateway("a2a-kill-gateway-3")) {
            String agentId = register(gateway.api(), agent, 1_500);
            String id = task(gateway.api(), "Crawl the site", "crawl-then-die");
            await().atMost(WAIT).until(() -> "IN_PROGRESS".equals(status(id)));
            agent.close();
            await().atMost(WAIT).until(() -> "OFFLINE".equals(stack.api("agents").get("/api/agents/" + agentId)
                    .json().get("agent").get("status").asString()));
            await().atMost(WAIT).until(() -> "PENDING".equals(status(id)));
            await().atMost(WAIT).until(() -> "abandoned".equals(gateway.api().get("/api/tasks/" + id + "/a2a")
                    .json().get("dispatch").get("state").asString()));
        }
    }

    @Test
    void aStreamingAgentsEventsMoveItsTaskAlongWithoutWaitingForAPoll() throws Exception {
        try (ScriptedA2aAgent agent = ScriptedA2aAgent.streaming("Stream Agent", "stream-work",
                List.of(TaskState.WORKING, TaskState.WORKING, TaskState.COMPLETED), Duration.ofMillis(300));
             ChildService gateway = gateway("a2a-kill-gateway-4", "--switchboard.a2a.delegation.poll-interval=5m")) {
            register(gateway.api(), agent, 0);
            String id = task(gateway.api(), "Stream the work", "stream-work");
            // Polled once when sent, then not for five minutes: only the stream's events can complete it sooner.
            await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(status(id)));
            assertThat(agent.methods()).anyMatch(call -> call.startsWith("message/stream "));
            assertThat(agent.methods()).noneMatch(call -> call.startsWith("message/send "));
        }
    }

    @Test
    void aPushingAgentsNotificationsMoveItsTaskAlongWithoutWaitingForAPollAndOnlyItsTokenIsTaken()
            throws Exception {
        try (ScriptedA2aAgent agent = ScriptedA2aAgent.pushing("Push Agent", "push-work",
                List.of(TaskState.WORKING, TaskState.WORKING, TaskState.COMPLETED), Duration.ofMillis(300));
             ChildService gateway = gateway("a2a-kill-gateway-5", "--switchboard.a2a.delegation.poll-interval=5m")) {
            register(gateway.api(), agent, 0);
            String id = task(gateway.api(), "Push the work", "push-work");
            // Polled once when sent, then not for five minutes: only the pushes can complete it sooner.
            await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(status(id)));
            assertThat(agent.pushAnswers).isNotEmpty().allMatch(status -> status == 202);
            assertThat(agent.methods()).noneMatch(call -> call.startsWith("message/stream "));

            String path = "/a2a/push/" + id;
            Api.Answer forged = gateway.api().post(path, "{\"id\":\"x\"}", "X-A2A-Notification-Token", "guess");
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.json().get("field").asString()).isEqualTo("X-A2A-Notification-Token");
            assertThat(gateway.api().post(path, "{\"id\":\"x\"}").status()).isEqualTo(401);
            assertThat(gateway.api().post("/a2a/push/TASK-NONE", "{}", "X-A2A-Notification-Token", "guess")
                    .status()).isEqualTo(404);
            assertThat(gateway.api().post(path, "not json", "X-A2A-Notification-Token", "guess").status())
                    .isEqualTo(400);
        }
    }

    @Test
    void aGatewayWithDelegationOffStartsAndServesNoDelegationEndpoints() throws Exception {
        // The documented off switch: the gateway once failed to start with it (a controller needed the dispatches).
        try (ChildService gateway = gateway("a2a-kill-gateway-6", "--switchboard.a2a.delegation.enabled=false")) {
            assertThat(gateway.api().get("/api/tasks").status()).isEqualTo(200);
            assertThat(gateway.api().get("/api/tasks/TASK-NONE/a2a").status()).isEqualTo(404);
            assertThat(gateway.api().post("/a2a/push/TASK-NONE", "{}").status()).isEqualTo(404);
        }
    }
}
