package io.switchboard.gateway.delegation;

import io.switchboard.web.GatewayOnlyFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The REST calls the dispatcher makes of task-service and the registry on behalf of an A2A agent: straight to the
 * services (as the gateway, with its token when one is set), the agent named as the actor, so a task's history says
 * which agent started, completed or failed it.
 */
final class SwitchboardCalls {

    static final String ACTOR = "X-Switchboard-Actor";

    /** A service's answer: its status and its JSON (an empty object when it had none). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final Supplier<URI> tasksUrl;
    private final Supplier<URI> agentsUrl;
    private final String gatewayToken;
    private final Duration timeout;
    private final HttpClient http;

    SwitchboardCalls(Supplier<URI> tasksUrl, Supplier<URI> agentsUrl, String gatewayToken, Duration timeout) {
        this.tasksUrl = tasksUrl;
        this.agentsUrl = agentsUrl;
        this.gatewayToken = gatewayToken;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The task, or empty when task-service does not know it. */
    Optional<JsonNode> task(String taskId) throws IOException {
        Answer answer = call("GET", tasksUrl.get(), "/api/tasks/" + encode(taskId), null, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(answer, "task " + taskId).body().path("task"));
    }

    /** A lifecycle step as the agent: {@code start}, {@code complete}, {@code fail} or {@code cancel}. */
    Answer step(String taskId, String step, String agentId, String reason) throws IOException {
        String body = reason == null ? "{}" : JsonMapper.shared().createObjectNode().put("reason", reason).toString();
        return call("POST", tasksUrl.get(), "/api/tasks/" + encode(taskId) + "/" + step, body, agentId);
    }

    /** Every registered agent, as the registry lists them. */
    List<JsonNode> agents() throws IOException {
        List<JsonNode> agents = new ArrayList<>();
        expect(call("GET", agentsUrl.get(), "/api/agents", null, null), "agents").body().path("agents")
                .forEach(agents::add);
        return agents;
    }

    /** The agent, or empty when the registry does not know it. */
    Optional<JsonNode> agent(String agentId) throws IOException {
        Answer answer = call("GET", agentsUrl.get(), "/api/agents/" + encode(agentId), null, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(answer, "agent " + agentId).body().path("agent"));
    }

    void heartbeat(String agentId) throws IOException {
        expect(call("POST", agentsUrl.get(), "/api/agents/" + encode(agentId) + "/heartbeat", "{}", agentId),
                "heartbeat of " + agentId);
    }

    private Answer call(String method, URI base, String path, String body, String actor) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (actor != null) {
            request.header(ACTOR, actor);
        }
        if (gatewayToken != null) {
            request.header(GatewayOnlyFilter.HEADER, gatewayToken);
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String text = answer.body();
        JsonNode json = text == null || !text.strip().startsWith("{") ? JsonMapper.shared().createObjectNode()
                : JsonMapper.shared().readTree(text);
        return new Answer(answer.statusCode(), json);
    }

    private static Answer expect(Answer answer, String what) throws IOException {
        if (!answer.ok()) {
            throw new IOException(what + ": HTTP " + answer.status() + " " + answer.body().path("error").asString(""));
        }
        return answer;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
