package io.switchboard.task.api;

import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.task.support.TaskFixtures;

import static io.switchboard.task.support.TaskFixtures.createBody;
import static io.switchboard.task.support.TaskFixtures.newId;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the task API over HTTP, on a real task-service and a real broker. */
@WithKafka
class TaskApiTest {

    private static TaskServiceInstance service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = TaskServiceInstance.start("api-", "api-1");
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String created(String extra) {
        return TaskFixtures.created(api, extra);
    }

    private static String inProgress() {
        return TaskFixtures.inProgress(api);
    }

    @Test
    void createAnswers201WithTheTaskItsVersionAndLocation() {
        String id = newId();
        Answer answer = api.post("/api/tasks", createBody(id, ""));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("success").asBoolean()).isTrue();
        assertThat(answer.task().get("id").asString()).isEqualTo(id);
        assertThat(answer.task().get("status").asString()).isEqualTo("PENDING");
        assertThat(answer.task().get("version").asLong()).isEqualTo(1);
        assertThat(answer.header("ETag")).isEqualTo("\"1\"");
        assertThat(answer.header("Location")).isEqualTo("/api/tasks/" + id);
    }

    @Test
    void theSameCreateTwiceAnswers200AndADifferentOne409() {
        String id = newId();
        assertThat(api.post("/api/tasks", createBody(id, "")).status()).isEqualTo(201);
        Answer again = api.post("/api/tasks", createBody(id, ""));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.task().get("version").asLong()).isEqualTo(1);
        Answer different = api.post("/api/tasks", createBody(id, ",\"eta\":\"2h\""));
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.json().get("field").asString()).isEqualTo("id");
        assertThat(different.json().get("taskId").asString()).isEqualTo(id);
    }

    @Test
    void anIdempotencyKeyMakesARetriedCreateLandOnTheSameTask() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"Retry me\",\"priority\":\"P3\"}";
        Answer first = api.post("/api/tasks", body, "Idempotency-Key", key);
        Answer second = api.post("/api/tasks", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.task().get("id").asString()).isEqualTo(first.task().get("id").asString());
        Answer other = api.post("/api/tasks", body, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(other.task().get("id").asString()).isNotEqualTo(first.task().get("id").asString());
    }

    @Test
    void getOneAnswersTheTaskAnd404ForAnUnknownOne() {
        String id = created("");
        Answer found = api.get("/api/tasks/" + id);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.task().get("name").asString()).isEqualTo("Write docs");
        assertThat(found.task().get("requiredCapabilities").get(0).asString()).isEqualTo("documentation");
        Answer missing = api.get("/api/tasks/NOPE-404");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString()).isEqualTo("Task not found");
        assertThat(missing.json().get("taskId").asString()).isEqualTo("NOPE-404");
    }

    @Test
    void listsUseTheSeedShapeWithFiltersAndPaging() {
        String label = "batch-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(created(",\"labels\":{\"batch\":\"" + label + "\"}"));
        }
        Answer all = api.get("/api/tasks?label=batch:" + label);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("success").asBoolean()).isTrue();
        assertThat(all.json().get("count").asInt()).isEqualTo(5);
        assertThat(all.json().get("total").asInt()).isEqualTo(5);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Answer page = api.get("/api/tasks?limit=2&label=batch:" + label + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.json().get("count").asInt()).isLessThanOrEqualTo(2);
            assertThat(page.json().get("total").asInt()).isEqualTo(5);
            page.json().get("tasks").forEach(t -> paged.add(t.get("id").asString()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        assertThat(paged).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();

        assertThat(api.get("/api/tasks?status=PENDING&priority=P1&capability=DOCUMENTATION&label=batch:" + label)
                .json().get("count").asInt()).isEqualTo(5);
        assertThat(api.get("/api/tasks?status=COMPLETED&label=batch:" + label).json().get("count").asInt()).isZero();
    }

    @Test
    void listsByStatusAndPriorityAsInTheSeed() {
        String id = inProgress();
        Answer byStatus = api.get("/api/tasks/status/IN_PROGRESS");
        assertThat(byStatus.status()).isEqualTo(200);
        assertThat(byStatus.json().get("tasks").valueStream().map(t -> t.get("id").asString())).contains(id);
        assertThat(byStatus.json().get("tasks").valueStream().map(t -> t.get("status").asString()))
                .containsOnly("IN_PROGRESS");
        Answer byPriority = api.get("/api/tasks/priority/P1");
        assertThat(byPriority.json().get("tasks").valueStream().map(t -> t.get("priority").asString()))
                .containsOnly("P1");
        assertThat(byPriority.json().get("count").asInt()).isEqualTo(byPriority.json().get("tasks").size());

        Answer badStatus = api.get("/api/tasks/status/DONE");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("field").asString()).isEqualTo("status");
        assertThat(api.get("/api/tasks/priority/P7").json().get("field").asString()).isEqualTo("priority");
    }

    @Test
    void progressUpdatesAndCompletesAtOneHundred() {
        String id = inProgress();
        Answer halfway = api.put("/api/tasks/" + id + "/progress", "{\"progress\": 75, \"status\": \"IN_PROGRESS\"}");
        assertThat(halfway.status()).isEqualTo(200);
        assertThat(halfway.task().get("progress").asInt()).isEqualTo(75);
        assertThat(halfway.task().get("version").asLong()).isEqualTo(2);
        Answer done = api.put("/api/tasks/" + id + "/progress", "{\"progress\": 100}");
        assertThat(done.task().get("status").asString()).isEqualTo("COMPLETED");
        Answer late = api.put("/api/tasks/" + id + "/progress", "{\"progress\": 50}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("error").asString()).contains("COMPLETED", "IN_PROGRESS");
    }

    @Test
    void progressErrors() {
        String id = inProgress();
        assertThat(api.put("/api/tasks/" + id + "/progress", "{\"progress\": 101}").json().get("field").asString())
                .isEqualTo("progress");
        assertThat(api.put("/api/tasks/" + id + "/progress", "{\"progress\": \"lots\"}").status()).isEqualTo(400);
        assertThat(api.put("/api/tasks/" + id + "/progress", "{\"progress\": 5, \"status\": \"WEIRD\"}")
                .json().get("field").asString()).isEqualTo("status");
        assertThat(api.put("/api/tasks/NOPE/progress", "{\"progress\": 5}").status()).isEqualTo(404);
        assertThat(api.put("/api/tasks/" + created("") + "/progress", "{\"progress\": 5}").status()).isEqualTo(409);
    }

    @Test
    void startCompleteAndTheirConflicts() {
        String id = newId();
        api.post("/api/tasks/import", createBody(id, ",\"status\":\"ASSIGNED\",\"agent\":\"agent-1\""));
        Answer started = api.post("/api/tasks/" + id + "/start", null);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.task().get("status").asString()).isEqualTo("IN_PROGRESS");
        Answer completed = api.post("/api/tasks/" + id + "/complete", null);
        assertThat(completed.task().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.task().get("progress").asInt()).isEqualTo(100);
        assertThat(api.post("/api/tasks/" + created("") + "/start", null).status()).isEqualTo(409);
        assertThat(api.post("/api/tasks/" + created("") + "/complete", null).status()).isEqualTo(409);
        assertThat(api.post("/api/tasks/NOPE/start", null).status()).isEqualTo(404);
        assertThat(api.post("/api/tasks/NOPE/complete", null).status()).isEqualTo(404);
    }

    @Test
    void failNeedsAReasonAndEndsTheTask() {
        String id = inProgress();
        Answer noReason = api.post("/api/tasks/" + id + "/fail", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("field").asString()).isEqualTo("reason");
        Answer failed = api.post("/api/tasks/" + id + "/fail", "{\"reason\": \"Agent timeout\"}");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.task().get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.task().get("failureReason").asString()).isEqualTo("Agent timeout");
        assertThat(api.post("/api/tasks/" + id + "/fail", "{\"reason\": \"again\"}").status()).isEqualTo(409);
        assertThat(api.post("/api/tasks/NOPE/fail", "{\"reason\": \"x\"}").status()).isEqualTo(404);
    }

    @Test
    void aFailureWithAttemptsLeftGoesBackToPending() {
        String id = newId();
        api.post("/api/tasks/import", createBody(id, ",\"status\":\"IN_PROGRESS\",\"agent\":\"a-1\","
                + "\"maxAttempts\":2,\"retryBackoff\":\"PT1S\""));
        Answer retried = api.post("/api/tasks/" + id + "/fail", "{\"reason\": \"flaky\"}");
        assertThat(retried.task().get("status").asString()).isEqualTo("PENDING");
        assertThat(retried.task().get("nextAttemptAt").isNull()).isFalse();
    }

    @Test
    void cancelWorksWithOrWithoutReasonAndNotOnAFinalTask() {
        Answer cancelled = api.post("/api/tasks/" + created("") + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.task().get("status").asString()).isEqualTo("CANCELLED");
        String id = inProgress();
        assertThat(api.post("/api/tasks/" + id + "/cancel", "{\"reason\":\"duplicate\"}").status()).isEqualTo(200);
        api.post("/api/tasks/" + id + "/cancel", null);
        String done = inProgress();
        api.post("/api/tasks/" + done + "/complete", null);
        assertThat(api.post("/api/tasks/" + done + "/cancel", null).status()).isEqualTo(409);
        assertThat(api.post("/api/tasks/NOPE/cancel", null).status()).isEqualTo(404);
    }

    @Test
    void historyListsEveryTransitionWithTimeAndActor() {
        String id = created("");
        api.post("/api/tasks/" + id + "/cancel", "{\"reason\":\"not needed\"}", "X-Switchboard-Actor", "ops-alice");
        Answer history = api.get("/api/tasks/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode lines = history.json().get("history");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("to").asString()).isEqualTo("PENDING");
        assertThat(lines.get(1).get("from").asString()).isEqualTo("PENDING");
        assertThat(lines.get(1).get("to").asString()).isEqualTo("CANCELLED");
        assertThat(lines.get(1).get("actor").asString()).isEqualTo("ops-alice");
        assertThat(lines.get(1).get("reason").asString()).isEqualTo("not needed");
        assertThat(lines.get(1).get("at").asString()).isNotBlank();
        assertThat(api.get("/api/tasks/NOPE/history").status()).isEqualTo(404);
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndTheCurrentOneApplies() {
        String id = inProgress();
        Answer stale = api.put("/api/tasks/" + id + "/progress", "{\"progress\": 20}", "If-Match", "\"7\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("version").asLong()).isEqualTo(1);
        Answer fresh = api.put("/api/tasks/" + id + "/progress", "{\"progress\": 20}", "If-Match", "\"1\"");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.header("ETag")).isEqualTo("\"2\"");
        assertThat(api.put("/api/tasks/" + id + "/progress", "{\"progress\": 30}", "If-Match", "yesterday")
                .json().get("field").asString()).isEqualTo("If-Match");
    }

    @Test
    void importNeedsAValidStatusAndAnAgentForOpenTasks() {
        assertThat(api.post("/api/tasks/import", createBody(newId(), "")).json().get("field").asString())
                .isEqualTo("status");
        assertThat(api.post("/api/tasks/import", createBody(newId(), ",\"status\":\"ASSIGNED\""))
                .json().get("field").asString()).isEqualTo("agent");
        Answer done = api.post("/api/tasks/import", createBody(newId(),
                ",\"status\":\"COMPLETED\",\"agent\":\"a\",\"progress\":100,\"completedAt\":\"2026-01-11T10:00:00Z\""));
        assertThat(done.status()).isEqualTo(201);
        assertThat(done.task().get("completedAt").asString()).isEqualTo("2026-01-11T10:00:00Z");
    }

    @Test
    void createErrorsNameTheField() {
        assertThat(field("{\"priority\":\"P1\"}")).isEqualTo("name");
        assertThat(field("{\"name\":\"\"}")).isEqualTo("name");
        assertThat(field("{\"name\":\"" + "x".repeat(300) + "\"}")).isEqualTo("name");
        assertThat(field("{\"name\":\"ok\",\"priority\":\"P5\"}")).isEqualTo("priority");
        assertThat(field("{\"name\":\"ok\",\"priorty\":\"P1\"}")).isEqualTo("priorty");
        assertThat(field("{\"name\":\"ok\",\"requiredCapabilities\":\"docs\"}")).isEqualTo("requiredCapabilities");
        assertThat(field("{\"name\":\"ok\",\"dueAt\":\"tomorrow\"}")).isEqualTo("dueAt");
        assertThat(field("{\"name\":\"ok\",\"id\":\"has space\"}")).isEqualTo("id");
        assertThat(field("{\"name\": ")).isEqualTo("body");
        assertThat(field("[1,2]")).isEqualTo("body");
    }

    private static String field(String body) {
        Answer answer = api.post("/api/tasks", body);
        assertThat(answer.status()).as(body).isEqualTo(400);
        return answer.json().get("field").asString();
    }
}
