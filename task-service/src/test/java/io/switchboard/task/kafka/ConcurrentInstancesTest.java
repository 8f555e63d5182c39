package io.switchboard.task.kafka;

import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.serde.MessageDeserializer;
import io.switchboard.events.task.TaskUpdated;
import io.switchboard.testing.http.Api;
import io.switchboard.task.support.TaskFixtures;
import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.testing.kafka.TopicReader;
import io.switchboard.testing.kafka.WithKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of task-service share the command partitions. Operators on both update the same tasks at once,
 * each with read-modify-write guarded by If-Match: every accepted update is kept, versions go up by exactly one,
 * and the events of each task come out in version order.
 */
@WithKafka
class ConcurrentInstancesTest {

    private static final Topics TOPICS = new Topics("twins-");
    private static final int TASKS = 4;
    private static final int WRITERS_PER_INSTANCE = 3;
    private static final int UPDATES_PER_WRITER = 15;

    @Test
    void concurrentUpdatesThroughTwoInstancesLoseNothing() throws Exception {
        try (TaskServiceInstance a = TaskServiceInstance.start(TOPICS.prefix(), "twin-a");
             TaskServiceInstance b = TaskServiceInstance.start(TOPICS.prefix(), "twin-b")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                ids.add(TaskFixtures.inProgress(i % 2 == 0 ? a.api() : b.api()));
            }
            Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
            ids.forEach(id -> accepted.put(id, new AtomicInteger()));
            ExecutorService writers = Executors.newFixedThreadPool(2 * WRITERS_PER_INSTANCE);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2 * WRITERS_PER_INSTANCE; w++) {
                Api api = w % 2 == 0 ? a.api() : b.api();
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int u = 0; u < UPDATES_PER_WRITER; u++) {
                        String id = ids.get((writer + u) % TASKS);
                        compareAndSetProgress(api, id);
                        accepted.get(id).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            writers.shutdown();

            for (String id : ids) {
                long expected = 1 + accepted.get(id).get();
                assertThat(a.api().get("/api/tasks/" + id).task().get("version").asLong()).isEqualTo(expected);
                assertThat(b.api().get("/api/tasks/" + id).task().get("version").asLong()).isEqualTo(expected);
            }
            int total = accepted.values().stream().mapToInt(AtomicInteger::get).sum();
            assertThat(total).isEqualTo(2 * WRITERS_PER_INSTANCE * UPDATES_PER_WRITER);

            try (var updates = TopicReader.of(TOPICS.of(MessageType.TASK_UPDATED), new MessageDeserializer())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> updates.poll().size() >= total);
                for (String id : ids) {
                    List<Long> versions = updates.poll().stream().filter(r -> r.key().equals(id))
                            .map(ConsumerRecord::value).map(e -> ((TaskUpdated) e).version()).toList();
                    assertThat(versions).hasSize(accepted.get(id).get());
                    for (int i = 0; i < versions.size(); i++) {
                        assertThat(versions.get(i)).isEqualTo(2L + i);
                    }
                }
            }
        }
    }

    /** Read, then write the next value with If-Match; on 412 someone else won, so read again and retry. */
    private static void compareAndSetProgress(Api api, String id) {
        while (true) {
            long version = api.get("/api/tasks/" + id).task().get("version").asLong();
            int next = version % 2 == 0 ? 30 : 60;
            Api.Answer answer = api.put("/api/tasks/" + id + "/progress", "{\"progress\": " + next + "}",
                    "If-Match", "\"" + version + "\"");
            if (answer.status() == 200) {
                assertThat(answer.task().get("version").asLong()).isEqualTo(version + 1);
                return;
            }
            assertThat(answer.status()).as(answer.body()).isEqualTo(412);
        }
    }
}
