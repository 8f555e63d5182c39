package io.switchboard.task.api;

import io.switchboard.task.support.Api;
import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@WithKafka
class TaskApiSmokeTest {

    @Test
    void createThenRead() {
        try (TaskServiceInstance service = TaskServiceInstance.start("smoke-", "smoke-1")) {
            Api api = service.api();
            long t0 = System.nanoTime();
            Api.Answer created = api.post("/api/tasks", "{\"id\":\"TASK-1\",\"name\":\"Write docs\",\"priority\":\"P1\"}");
            System.out.println("create took " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + created.body());
            assertThat(created.status()).isEqualTo(201);
            Api.Answer read = api.get("/api/tasks/TASK-1");
            assertThat(read.status()).isEqualTo(200);
            System.out.println(read.body());
            System.out.println(api.get("/api/tasks").body());
        }
    }
}
