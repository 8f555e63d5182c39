package io.switchboard.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The public REST API as a simulated agent or producer uses it, through the gateway, with the run's API key.
 * Requests are asynchronous with a bound on how many are open at once, so a fast rate queues here instead of
 * opening connections without end.
 */
public final class GatewayClient {

    /** An answer: its status and body. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String apiKey;
    private final Semaphore open;

    public GatewayClient(URI base, String apiKey, int maxOpen) {
        this.base = base;
        this.apiKey = apiKey;
        this.open = new Semaphore(maxOpen);
    }

    public CompletableFuture<Answer> register(AgentPlan.Agent agent, Duration heartbeat) {
        return send("POST", "/api/agents", Map.of("id", agent.id(), "name", "Simulated " + agent.id(),
                "capabilities", agent.capabilities(), "maxConcurrentTasks", agent.capacity(),
                "reliability", 0.9, "heartbeatIntervalMs", heartbeat.toMillis()));
    }

    /** An A2A agent, registered from its card: the registry reads its capabilities there. */
    public CompletableFuture<Answer> registerA2a(AgentPlan.Agent agent, String cardUrl, Duration heartbeat) {
        return send("POST", "/api/agents", Map.of("id", agent.id(), "a2a", Map.of("cardUrl", cardUrl),
                "maxConcurrentTasks", agent.capacity(), "reliability", 0.9,
                "heartbeatIntervalMs", heartbeat.toMillis()));
    }

    public CompletableFuture<Answer> heartbeat(String agentId) {
        return send("POST", "/api/agents/" + agentId + "/heartbeat", Map.of());
    }

    public CompletableFuture<Answer> create(String taskId, String priority, String capability) {
        return send("POST", "/api/tasks", Map.of("id", taskId, "name", "Simulated " + taskId,
                "priority", priority, "requiredCapabilities", java.util.List.of(capability)));
    }

    public CompletableFuture<Answer> progress(String taskId, int progress) {
        return send("PUT", "/api/tasks/" + taskId + "/progress", Map.of("progress", progress));
    }

    public CompletableFuture<Answer> complete(String taskId) {
        return send("POST", "/api/tasks/" + taskId + "/complete", Map.of());
    }

    public CompletableFuture<Answer> fail(String taskId, String reason) {
        return send("POST", "/api/tasks/" + taskId + "/fail", Map.of("reason", reason));
    }

    public CompletableFuture<Answer> get(String path) {
        return send("GET", path, null);
    }

    public static JsonNode json(Answer answer) {
        return JSON.readTree(answer.body());
    }

    private CompletableFuture<Answer> send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        open.acquireUninterruptibly();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body()))
                .exceptionally(error -> new Answer(0, String.valueOf(error.getMessage())))
                .whenComplete((answer, error) -> open.release());
    }

    public URI base() {
        return base;
    }

    public String apiKey() {
        return apiKey;
    }

    public HttpClient http() {
        return http;
    }
}
