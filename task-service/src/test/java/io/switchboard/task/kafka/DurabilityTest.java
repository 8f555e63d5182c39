package io.switchboard.task.kafka;

import io.switchboard.testing.http.Api;
import io.switchboard.task.support.TaskFixtures;
import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.process.ChildService;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Tasks live in Kafka: a restart or a SIGKILL loses none that was acknowledged. */
@WithKafka
class DurabilityTest {

    @Test
    void aNewInstanceOnTheSameBrokerServesTheSameTasksAtTheSameVersions() {
        Map<String, String> before;
        try (TaskServiceInstance first = TaskServiceInstance.start("restart-", "restart-1")) {
            Api api = first.api();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = TaskFixtures.inProgress(api);
                for (int step = 0; step < i % 3; step++) {
                    api.put("/api/tasks/" + id + "/progress", "{\"progress\": " + (20 + step * 10) + "}");
                }
                ids.add(id);
            }
            api.post("/api/tasks/" + ids.get(0) + "/fail", "{\"reason\": \"broke\"}");
            before = ids.stream().collect(Collectors.toMap(id -> id, id -> api.get("/api/tasks/" + id).body()));
        }
        try (TaskServiceInstance second = TaskServiceInstance.start("restart-", "restart-2")) {
            Api api = second.api();
            before.forEach((id, body) -> assertThat(api.get("/api/tasks/" + id).body()).isEqualTo(body));
            assertThat(api.get("/api/tasks").json().get("total").asInt()).isEqualTo(before.size());
            assertThat(api.get("/api/tasks/" + before.keySet().iterator().next() + "/history").json()
                    .get("history").size()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aProcessKilledRightAfterAcknowledgingCreatesLosesNoneOfThem() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int batch = 120;
        try (ChildService child = ChildService.start("task-service-crash-1", TaskServiceApplication.class,
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=crash-", "--switchboard.instance-id=crash-1")) {
            Api api = child.api();
            CountDownLatch enough = new CountDownLatch(batch / 2);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int i = 0; i < batch; i++) {
                clients.submit(() -> {
                    String id = TaskFixtures.newId();
                    try {
                        if (api.post("/api/tasks", TaskFixtures.createBody(id, "")).status() == 201) {
                            acknowledged.add(id);
                            enough.countDown();
                        }
                    } catch (UncheckedIOException connectionLost) {
                        // The process died under this request: it was never acknowledged.
                    }
                });
            }
            assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
            child.kill();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(batch / 2);
        // Same instance id: the new process fences the dead one's transactional id at once.
        try (TaskServiceInstance restarted = TaskServiceInstance.start("crash-", "crash-1")) {
            Api api = restarted.api();
            for (String id : acknowledged) {
                Api.Answer answer = api.get("/api/tasks/" + id);
                assertThat(answer.status()).as(id).isEqualTo(200);
                assertThat(answer.task().get("version").asLong()).isEqualTo(1);
            }
        }
    }
}
