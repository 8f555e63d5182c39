package io.switchboard.agent.api;

import io.switchboard.agent.support.Services;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.http.Api.Answer;
import io.switchboard.testing.kafka.WithKafka;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed requests at every write of the agent API: never a 5xx, always a JSON error, and the agent unchanged. */
@WithKafka
class MalformedAgentRequestFuzzTest {

    private static final List<String> BAD_BODIES = List.of("", "null", "[]", "{", "{\"id\":}", "{\"id\": 5}",
            "{\"id\": \"\"}", "{\"id\": \"  \"}", "{\"id\": \"a b\"}", "{\"id\": \"ok\", \"maxConcurrentTasks\": 0}",
            "{\"id\": \"ok\", \"maxConcurrentTasks\": 2.5}", "{\"id\": \"ok\", \"maxConcurrentTasks\": \"2\"}",
            "{\"id\": \"ok\", \"reliability\": -0.1}", "{\"id\": \"ok\", \"reliability\": 2}",
            "{\"id\": \"ok\", \"capabilities\": [1]}", "{\"id\": \"ok\", \"capabilities\": [\"\"]}",
            "{\"id\": \"ok\", \"heartbeatIntervalMs\": -1}", "{\"id\": \"ok\", \"heartbeatIntervalMs\": 1e20}",
            "{\"id\": \"ok\", \"unknown\": true}", "{\"status\": \"NAPPING\"}", "{\"status\": 1}",
            "{\"runningTasks\": \"T1\"}", "{\"overloaded\": \"yes\"}", "{\"name\": \"\"}");

    @Test
    void malformedAgentWritesNeverAnswer5xxNorChangeTheAgent() {
        try (Services.Running registry = Services.registry("agent-fuzz-", "agent-fuzz-1", null)) {
            Api api = registry.api();
            assertThat(api.post("/api/agents", "{\"id\":\"steady\",\"capabilities\":[\"x\"],\"maxConcurrentTasks\":2}")
                    .status()).isEqualTo(201);
            String before = api.get("/api/agents/steady").body();
            Random random = new Random(7);
            int sent = 0;
            for (String body : BAD_BODIES) {
                if (body.startsWith("{\"id\"") || body.length() < 5) {
                    check(api.post("/api/agents", body));
                    sent++;
                }
                if (body.contains("status") || body.length() < 5) {
                    check(api.put("/api/agents/steady/status", body));
                    sent++;
                }
                if (body.contains("runningTasks") || body.contains("overloaded") || body.equals("{")) {
                    check(api.post("/api/agents/steady/heartbeat", body));
                    sent++;
                }
                if (body.contains("maxConcurrentTasks") || body.contains("\"name\"") || body.contains("unknown")) {
                    check(api.raw("PATCH", "/api/agents/steady", body.replace("\"id\": \"ok\", ", "")));
                    sent++;
                }
            }
            for (int i = 0; i < 20; i++) {
                check(api.raw("PATCH", "/api/agents/steady", junk(random)));
                sent++;
            }
            for (String path : List.of("/api/agents/%20/heartbeat", "/api/agents/a%2Fb/heartbeat",
                    "/api/agents/" + "x".repeat(300) + "/heartbeat")) {
                check(api.post(path, null));
                sent++;
            }
            check(api.put("/api/agents/steady/status", "{\"status\":\"OFFLINE\"}", "Content-Type", "foo"));
            check(api.put("/api/agents/steady/status", "{\"status\":\"OFFLINE\"}", "X-Switchboard-Actor",
                    "a".repeat(500)));
            assertThat(sent).isGreaterThanOrEqualTo(50);
            assertThat(api.get("/api/agents/steady").body()).isEqualTo(before);
        }
    }

    private static void check(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.json()).as(answer.body()).isNotNull();
        assertThat(answer.json().get("error")).as(answer.body()).isNotNull();
    }

    private static String junk(Random random) {
        String alphabet = "{}[]\":,0123456789-.eE truefalsnlnamecapabilities";
        StringBuilder junk = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) {
            junk.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return junk.toString();
    }
}
