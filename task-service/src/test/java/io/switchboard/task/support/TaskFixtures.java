package io.switchboard.task.support;

import io.switchboard.testing.http.Api;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Tasks made through the public API for tests to work on. */
public final class TaskFixtures {

    private TaskFixtures() {
    }

    public static String newId() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String createBody(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"name\":\"Write docs\",\"priority\":\"P1\",\"description\":\"d\","
                + "\"requiredCapabilities\":[\"documentation\"],\"labels\":{\"team\":\"web\"}" + extra + "}";
    }

    /** A new PENDING task. {@code extra} adds JSON fields, starting with a comma. */
    public static String created(Api api, String extra) {
        String id = newId();
        assertThat(api.post("/api/tasks", createBody(id, extra)).status()).isEqualTo(201);
        return id;
    }

    /** A new task IN_PROGRESS on agent-1 at 10 %, version 1. */
    public static String inProgress(Api api) {
        String id = newId();
        assertThat(api.post("/api/tasks/import",
                createBody(id, ",\"status\":\"IN_PROGRESS\",\"agent\":\"agent-1\",\"progress\":10")).status())
                .isEqualTo(201);
        return id;
    }
}
