package io.switchboard.task.kafka;

import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageDeserializer;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskStatus;
import io.switchboard.task.support.TaskFixtures;
import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.TopicReader;
import io.switchboard.testing.kafka.WithKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A finished task leaves once its retention ran out: out on {@code task.archived} with its last state, a tombstone on
 * {@code task.state}, gone from every read and from a new instance's memory. An open task stays, however old.
 */
@WithKafka
class RetentionTest {

    private static final String PREFIX = "retention-";
    private static final Topics TOPICS = new Topics(PREFIX);
    private static final String[] SHORT_RETENTION = {"--switchboard.tasks.retention=2s",
            "--switchboard.tasks.retention-check=100ms"};

    @Test
    void aFinishedTaskIsArchivedAndForgottenAfterItsRetentionAndAnOpenOneStays() {
        String done;
        String open;
        try (TaskServiceInstance first = TaskServiceInstance.start(PREFIX, PREFIX + "1", SHORT_RETENTION);
             var archived = TopicReader.of(TOPICS.of(MessageType.TASK_ARCHIVED), new MessageDeserializer())) {
            Api api = first.api();
            done = TaskFixtures.inProgress(api);
            open = TaskFixtures.inProgress(api);
            assertThat(api.post("/api/tasks/" + done + "/complete", null).status()).isEqualTo(200);
            assertThat(api.get("/api/tasks/" + done).status()).as("kept while its retention runs").isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/tasks/" + done).status() == 404);
            List<ConsumerRecord<String, Object>> out = archived.pollToEnd();
            assertThat(out).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(done);
                assertThat(record.value()).isInstanceOfSatisfying(TaskArchived.class, event -> {
                    assertThat(event.taskId()).isEqualTo(done);
                    assertThat(event.task().status()).isEqualTo(TaskStatus.COMPLETED);
                    assertThat(event.version()).isEqualTo(event.task().version());
                });
            });
            assertThat(api.get("/api/tasks?status=COMPLETED").json().get("total").asInt()).isZero();
            assertThat(api.get("/api/tasks/" + open).json().get("task").get("status").asString())
                    .isEqualTo("IN_PROGRESS");
        }
        try (var state = TopicReader.bytes(TOPICS.name(Topics.TASK_STATE))) {
            List<ConsumerRecord<String, byte[]>> records = state.pollToEnd().stream()
                    .filter(record -> record.key().equals(done)).toList();
            assertThat(records.get(records.size() - 1).value()).as("the last record of the archived task")
                    .isNull();
        }
        try (TaskServiceInstance second = TaskServiceInstance.start(PREFIX, PREFIX + "2", SHORT_RETENTION)) {
            Api api = second.api();
            assertThat(api.get("/api/tasks/" + done).status()).as("a new instance reads the tombstone")
                    .isEqualTo(404);
            assertThat(api.get("/api/tasks/" + open).status()).isEqualTo(200);
            // The id is free again: a new task may take it, from version 1.
            assertThat(api.post("/api/tasks", TaskFixtures.createBody(done, "")).status()).isEqualTo(201);
            assertThat(api.get("/api/tasks/" + done).json().get("task").get("version").asInt()).isEqualTo(1);
        }
    }
}
