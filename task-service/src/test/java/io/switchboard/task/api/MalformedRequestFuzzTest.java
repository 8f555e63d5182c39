package io.switchboard.task.api;

import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.task.support.TaskFixtures;
import io.switchboard.task.support.TaskServiceInstance;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws hundreds of malformed requests at every write endpoint of existing tasks: none may answer 5xx, every one
 * must answer a JSON error, and no task may change.
 */
@WithKafka
class MalformedRequestFuzzTest {

    private static final long SEED = 20260112L;
    private static TaskServiceInstance service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = TaskServiceInstance.start("fuzz-", "fuzz-1");
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /**
     * Cancel takes an optional reason, so an empty body or reason is a valid cancel, not a malformed one; so is JSON
     * null, which generated clients send for an absent optional body.
     */
    private static final Set<String> VALID_FOR_CANCEL = Set.of("", " ", "null", "{\"reason\": \"\"}",
            "{\"reason\": null}");

    /** The one body below that is malformed for the task's own endpoints but a valid create. */
    private static final String VALID_CREATE = "{\"name\": \"x\"}";

    private static final List<String> BAD_BODIES = List.of(
            "", " ", "null", "[]", "[1,2]", "\"text\"", "42", "true", "{", "}", "{\"progress\":}", "{'progress': 5}",
            "{\"progress\": 5,}", "{\"progress\": -1}", "{\"progress\": 101}", "{\"progress\": 50.5}",
            "{\"progress\": \"50\"}", "{\"progress\": null}", "{\"progress\": [50]}", "{\"progress\": {}}",
            "{\"progress\": 1e309}", "{\"progress\": 99999999999999999999}", "{\"progress\": NaN}",
            "{\"progress\": 5, \"status\": \"DONE\"}", "{\"progress\": 5, \"status\": 3}",
            "{\"progress\": 5, \"status\": \"FAILED\"}", "{\"progress\": 5, \"extra\": 1}",
            "{\"reason\": \"\"}", "{\"reason\": 12}", "{\"reason\": null}", "{\"reason\": [\"a\"]}",
            "{\"reason\": \"" + "r".repeat(1_001) + "\"}", "\u0000\u0001\u0002", VALID_CREATE,
            "{\"progress\": 5}garbage", "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");

    @Test
    void malformedWritesNeverAnswer5xxNorChangeATask() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(TaskFixtures.inProgress(api));
        }
        List<String> before = ids.stream().map(id -> api.get("/api/tasks/" + id).body()).toList();
        Random random = new Random(SEED);
        int sent = 0;
        for (String id : ids) {
            for (String body : BAD_BODIES) {
                String path = "/api/tasks/" + id;
                check(api.put(path + "/progress", body));
                check(api.post(path + "/fail", body));
                if (!VALID_FOR_CANCEL.contains(body)) {
                    check(api.post(path + "/cancel", body));
                }
                sent += 3;
            }
            for (int i = 0; i < 30; i++) {
                check(api.put("/api/tasks/" + id + "/progress", randomJunk(random)));
                check(api.post("/api/tasks/" + id + "/fail", randomJunk(random)));
                sent += 2;
            }
            check(api.put("/api/tasks/" + id + "/progress", "{\"progress\": 20}", "If-Match", "\"abc\""));
            check(api.put("/api/tasks/" + id + "/progress", "{\"progress\": 20}", "If-Match", "\"99\""));
            check(api.post("/api/tasks/" + id + "/complete", null, "If-Match", "-1"));
            check(api.raw("DELETE", "/api/tasks/" + id, null));
            check(api.raw("PATCH", "/api/tasks/" + id + "/progress", "{\"progress\": 20}"));
            check(api.raw("GET", "/api/tasks/" + id + "/fail", null));
            check(api.put("/api/tasks/" + id + "/progress", "{\"progress\": 20}", "Content-Type", "text/plain"));
            sent += 7;
        }
        for (String body : BAD_BODIES) {
            if (body.equals(VALID_CREATE)) {
                continue;
            }
            check(api.post("/api/tasks", body));
            check(api.post("/api/tasks/import", body));
            sent += 2;
        }
        for (String query : List.of("limit=0", "limit=-3", "limit=abc", "limit=100000", "cursor=%25%25",
                "cursor=bm90LWEtY3Vyc29y", "status=DONE", "priority=P9", "label=nocolon", "label=:x")) {
            check(api.get("/api/tasks?" + query));
            sent++;
        }
        check(api.post("/api/tasks", "{\"name\": \"" + "x".repeat(400_000) + "\"}"));
        for (String path : List.of("/api/tasks/%20/start", "/api/tasks/%20/progress", "/api/tasks/a%2Fb/fail",
                "/api/tasks/" + "x".repeat(300) + "/cancel", "/api/tasks/%E2%9C%93/complete")) {
            check(api.post(path, "{\"progress\": 5, \"reason\": \"r\"}"));
            sent++;
        }
        for (String contentType : List.of("foo", "text/plain", "application/x-www-form-urlencoded", ";;;")) {
            check(api.put("/api/tasks/" + ids.get(0) + "/progress", "{\"progress\": 33}", "Content-Type",
                    contentType));
            sent++;
        }
        check(api.post("/api/tasks/" + ids.get(0) + "/cancel", "{}", "X-Switchboard-Actor", "a".repeat(500)));

        assertThat(sent).isGreaterThanOrEqualTo(50);
        List<String> after = ids.stream().map(id -> api.get("/api/tasks/" + id).body()).toList();
        assertThat(after).isEqualTo(before);
    }

    private static void check(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.json()).as(answer.body()).isNotNull();
        assertThat(answer.json().get("error")).as(answer.body()).isNotNull();
    }

    private static String randomJunk(Random random) {
        String alphabet = "{}[]\":,0123456789-.eE truefalsnl\\u\u00e9progressreasonstatus";
        StringBuilder junk = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            junk.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return junk.toString();
    }
}
