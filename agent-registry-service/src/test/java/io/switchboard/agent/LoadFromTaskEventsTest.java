package io.switchboard.agent;

import io.switchboard.agent.support.Services;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.agent.AgentCommand.HoldTask;
import io.switchboard.events.agent.AgentCommandMeta;
import io.switchboard.events.agent.AgentOverload;
import io.switchboard.events.agent.AgentUpdated;
import io.switchboard.events.agent.HeldTask;
import io.switchboard.events.serde.MessageDeserializer;
import io.switchboard.events.serde.MessageSerializer;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.testing.clock.MutableClock;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.ConsumerGroups;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.TopicReader;
import io.switchboard.testing.kafka.WithKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry next to a real task-service: agent load, figures and status follow the task lifecycle; an agent
 * whose heartbeats stop hands its tasks back; a restart rebuilds everything from Kafka.
 */
@WithKafka
class LoadFromTaskEventsTest {

    private static final Topics TOPICS = new Topics("load-");
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static Services.Running tasks;
    private static Services.Running registry;

    @BeforeAll
    static void start() {
        tasks = Services.taskService(TOPICS.prefix(), "load-tasks-1");
        registry = Services.registry(TOPICS.prefix(), "load-registry-1", CLOCK,
                "--switchboard.agents.expiry-check=1s");
    }

    @AfterAll
    static void stop() {
        registry.close();
        tasks.close();
    }

    private static Api agents() {
        return registry.api();
    }

    private static String agent(int max, long heartbeatMs) {
        String id = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(agents().post("/api/agents", "{\"id\":\"" + id + "\",\"capabilities\":[\"docs\"],"
                + "\"maxConcurrentTasks\":" + max + ",\"reliability\":0.9,\"heartbeatIntervalMs\":" + heartbeatMs + "}")
                .status()).isEqualTo(201);
        return id;
    }

    /** A task that task-service holds IN_PROGRESS on {@code agent}, as a migrated task would be. */
    private static String taskOn(String agent) {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer imported = tasks.api().post("/api/tasks/import", "{\"id\":\"" + id + "\",\"name\":\"Docs\","
                + "\"status\":\"IN_PROGRESS\",\"agent\":\"" + agent + "\",\"progress\":10}");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        return id;
    }

    private static JsonNode agentNow(String id) {
        return agents().get("/api/agents/" + id).json().get("agent");
    }

    private static void awaitLoad(String agent, int load) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> agentNow(agent).get("currentTasks").size() == load);
    }

    @Test
    void loadAndFiguresFollowTheTaskLifecycleAndAReplayChangesNothing() {
        String agent = agent(3, 0);
        String first = taskOn(agent);
        String second = taskOn(agent);
        awaitLoad(agent, 2);
        assertThat(agentNow(agent).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(agents().get("/api/agents/" + agent + "/tasks").json().get("tasks").valueStream()
                .map(t -> t.get("id").asString())).containsExactlyInAnyOrder(first, second);

        tasks.api().post("/api/tasks/" + first + "/complete", null);
        tasks.api().post("/api/tasks/" + second + "/fail", "{\"reason\":\"broke\"}");
        awaitLoad(agent, 0);
        JsonNode after = agentNow(agent);
        assertThat(after.get("status").asString()).isEqualTo("IDLE");
        assertThat(after.get("completed").asLong()).isEqualTo(1);
        assertThat(after.get("failed").asLong()).isEqualTo(1);
        assertThat(after.get("reliability").asDouble()).isLessThan(0.9);

        replayEveryTaskEvent();
        // The replayed events are all read once the holdings' consumer group has committed past them, and what
        // they made of the agent is read once the agents' group has too.
        ConsumerGroups.awaitCaughtUp(TOPICS.name("agent-registry-service-holdings"),
                List.of(TOPICS.of(MessageType.TASK_CREATED), TOPICS.of(MessageType.TASK_UPDATED)), Duration.ofSeconds(30));
        ConsumerGroups.awaitCaughtUp(TOPICS.name("agent-registry-service"), List.of(TOPICS.name(Topics.AGENT_COMMANDS)),
                Duration.ofSeconds(30));
        JsonNode replayed = agentNow(agent);
        assertThat(replayed.get("currentTasks").size()).isZero();
        assertThat(replayed.get("completed").asLong()).isEqualTo(1);
        assertThat(replayed.get("failed").asLong()).isEqualTo(1);
        assertThat(replayed.get("reliability").asDouble()).isEqualTo(after.get("reliability").asDouble());
        assertThat(replayed.get("version").asLong()).isEqualTo(after.get("version").asLong());
    }

    /** Writes every record of task.created and task.updated once more, as a consumer-offset reset would. */
    private static void replayEveryTaskEvent() {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (MessageType type : List.of(MessageType.TASK_CREATED, MessageType.TASK_UPDATED)) {
                try (var reader = TopicReader.bytes(TOPICS.of(type))) {
                    for (ConsumerRecord<String, byte[]> record : reader.pollToEnd()) {
                        producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(),
                                record.headers()));
                    }
                }
            }
            producer.flush();
        }
    }

    /**
     * Holds sent together, so that they are applied in one batch: the agent's state (which lists what it holds) may
     * not grow past what a record can carry, and the hold that would make it so is refused alone, into the dead
     * letters, never the batch around it or half of its change.
     */
    @Test
    void aHoldThatWouldMakeTheAgentTooLargeToWriteIsRefusedAloneAmongOthers() {
        String agent = agent(10, 0);
        String name = "n".repeat(200_000); // four fit in a record (900 KB), five do not
        List<String> held = new ArrayList<>();
        try (var producer = new KafkaProducer<String, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()),
                new StringSerializer(), new MessageSerializer())) {
            for (int i = 0; i < 6; i++) {
                String task = "BIG-" + i + "-" + agent;
                held.add(task);
                producer.send(new ProducerRecord<>(TOPICS.name(Topics.AGENT_COMMANDS), agent, new HoldTask(
                        new AgentCommandMeta("hold-" + task, agent, "test", CLOCK.instant(), null),
                        new HeldTask(task, name, Priority.P2, TaskStatus.ASSIGNED, CLOCK.instant(), 2))));
            }
            producer.flush();
        }
        try (var dead = TopicReader.bytes(TOPICS.deadLetter(TOPICS.name(Topics.AGENT_COMMANDS)))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(dead.poll().stream()
                    .filter(r -> agent.equals(r.key()))).hasSize(2));
        }
        awaitLoad(agent, 4);
        assertThat(agentNow(agent).get("currentTasks").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(held.subList(0, 4));
    }

    @Test
    void overloadIsAnnouncedOncePerEntryWithTheSeedPayload() {
        String agent = agent(2, 0);
        String first = taskOn(agent);
        taskOn(agent);
        awaitLoad(agent, 2);
        assertThat(agentNow(agent).get("status").asString()).isEqualTo("OVERLOADED");
        agents().post("/api/agents/" + agent + "/heartbeat", null);
        tasks.api().post("/api/tasks/" + first + "/complete", null);
        awaitLoad(agent, 1);
        taskOn(agent);
        awaitLoad(agent, 2);
        try (var overloads = TopicReader.of(TOPICS.of(MessageType.AGENT_OVERLOAD), new MessageDeserializer())) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(overloads.poll().stream()
                    .filter(r -> r.key().equals(agent)).toList()).hasSize(2));
            assertThat(overloads.poll().stream().filter(r -> r.key().equals(agent)).map(ConsumerRecord::value))
                    .allSatisfy(event -> assertThat(event).isInstanceOfSatisfying(AgentOverload.class, overload -> {
                        assertThat(overload.agent().id()).isEqualTo(agent);
                        assertThat(overload.agent().status().name()).isEqualTo("OVERLOADED");
                    }));
        }
    }

    @Test
    void anAgentWhoseHeartbeatsStopGoesOfflineAndItsTasksGoBackToPending() {
        String agent = agent(3, 1_000);
        String first = taskOn(agent);
        String second = taskOn(agent);
        awaitLoad(agent, 2);

        CLOCK.advance(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> agentNow(agent).get("status").asString().equals("OFFLINE"));
        assertThat(agentNow(agent).get("currentTasks").size()).isZero();
        for (String task : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode state = tasks.api().get("/api/tasks/" + task).task();
                assertThat(state.get("status").asString()).isEqualTo("PENDING");
                assertThat(state.get("agent").isNull()).isTrue();
                assertThat(state.get("attempts").asInt()).isEqualTo(1);
                assertThat(state.get("failureReason").asString()).isEqualTo("agent offline");
            });
        }
        try (var updates = TopicReader.of(TOPICS.of(MessageType.AGENT_UPDATED), new MessageDeserializer())) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(updates.poll().stream()
                    .filter(r -> r.key().equals(agent)).map(r -> ((AgentUpdated) r.value()).change()))
                    .contains("HEARTBEAT_EXPIRED"));
        }

        Api.Answer back = agents().post("/api/agents/" + agent + "/heartbeat", null);
        assertThat(back.json().get("agent").get("status").asString()).isEqualTo("IDLE");
        assertThat(back.json().get("agent").get("currentTasks").size()).isZero();
        assertThat(agentNow(agent).get("failed").asLong()).isEqualTo(2);
    }

    @Test
    void aDeregisteredAgentDrainsAndIsRemovedAfterItsLastTask() {
        String agent = agent(3, 0);
        String task = taskOn(agent);
        awaitLoad(agent, 1);
        Api.Answer draining = agents().raw("DELETE", "/api/agents/" + agent, null);
        assertThat(draining.status()).isEqualTo(200);
        assertThat(draining.json().get("agent").get("deregistering").asBoolean()).isTrue();
        assertThat(agentNow(agent).get("deregistering").asBoolean()).isTrue();
        tasks.api().post("/api/tasks/" + task + "/complete", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> agents().get("/api/agents/" + agent).status() == 404);
    }

    @Test
    void aNewRegistryInstanceRebuildsAgentsLoadAndFiguresFromKafka() {
        String agent = agent(3, 0);
        String done = taskOn(agent);
        taskOn(agent);
        tasks.api().post("/api/tasks/" + done + "/complete", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> agentNow(agent).get("completed").asLong() == 1
                && agentNow(agent).get("currentTasks").size() == 1);
        String before = agents().get("/api/agents/" + agent).body();
        try (Services.Running second = Services.registry(TOPICS.prefix(), "load-registry-2", CLOCK)) {
            assertThat(second.api().get("/api/agents/" + agent).body()).isEqualTo(before);
            assertThat(second.api().get("/api/agents/" + agent + "/tasks").json().get("count").asInt()).isEqualTo(1);
        }
    }
}
