package io.switchboard.task.kafka;

import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.events.task.TaskTransition;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.process.ChildService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A task-service killed (SIGKILL) while it rebuilds its state from {@code task.state} loses nothing: the next one
 * rebuilds it whole, every task at its version. The state is a cache of Kafka, whatever it is kept in.
 */
@WithKafka
class RebuildInterruptedTest {

    private static final String PREFIX = "rebuild-";
    private static final int TASKS = 40_000;
    private static final String STATE_TOPIC = new Topics(PREFIX).name(Topics.TASK_STATE);

    @Test
    void anInstanceKilledWhileItReadsItsStateLeavesTheNextOneEverything() throws Exception {
        Instant now = Instant.now();
        writeStates(now);
        String[] args = {"--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + PREFIX, "--switchboard.instance-id=" + PREFIX + "1"};

        ChildService reading = ChildService.launch("task-service-rebuild-1", TaskServiceApplication.class, args);
        try {
            // Killed while it reads task.state: it said it began, and has not said it finished.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
                assertThat(reading.alive()).isTrue();
                String log = reading.output();
                assertThat(log).as("finished reading before it was killed: too few tasks to catch it reading")
                        .doesNotContain("Read " + STATE_TOPIC + ":");
                return log.contains("Reading " + STATE_TOPIC + " to its end");
            });
        } finally {
            reading.kill();
        }
        assertThat(reading.output()).doesNotContain("Read " + STATE_TOPIC + ":");

        try (ChildService next = ChildService.start("task-service-rebuild-2", TaskServiceApplication.class, args)) {
            Api api = next.api();
            assertThat(api.get("/api/tasks?limit=1").json().get("total").asInt()).isEqualTo(TASKS);
            for (int i = 0; i < TASKS; i += TASKS / 20) {
                var task = api.get("/api/tasks/RB-" + i).json().get("task");
                assertThat(task.get("version").asInt()).isEqualTo(1 + i % 3);
                assertThat(task.get("name").asString()).isEqualTo("Rebuilt " + i + " v" + (1 + i % 3));
            }
        }
    }

    /** Every task at versions 1 to 3 in turn (0, 1 or 2 newer versions over the first), straight to task.state. */
    private static void writeStates(Instant now) {
        MessageCodec codec = new MessageCodec("/switchboard/task-service");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < TASKS; i++) {
                for (int version = 1; version <= 1 + i % 3; version++) {
                    TaskState state = state("RB-" + i, "Rebuilt " + i + " v" + version, version, now);
                    RecordHeaders headers = new RecordHeaders();
                    codec.writeHeaders(headers, state, now);
                    producer.send(new ProducerRecord<>(STATE_TOPIC, null, state.task().id(), codec.encode(state),
                            headers));
                }
            }
            producer.flush();
        }
    }

    private static TaskState state(String id, String name, int version, Instant now) {
        Task.Builder task = new Task.Builder();
        task.id = id;
        task.name = name;
        task.priority = Priority.P2;
        task.status = TaskStatus.PENDING;
        task.requiredCapabilities = List.of("nobody-" + id);
        task.preferredCapabilities = List.of();
        task.labels = Map.of();
        task.createdAt = now;
        task.updatedAt = now;
        task.version = version;
        return new TaskState(task.build(), List.of(new TaskTransition(now, null, TaskStatus.PENDING, "test",
                "created", 1)), "fp-" + id);
    }
}
