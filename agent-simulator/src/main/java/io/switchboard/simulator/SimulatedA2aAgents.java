package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.Artifact;
import io.a2a.spec.CancelTaskResponse;
import io.a2a.spec.GetTaskResponse;
import io.a2a.spec.Message;
import io.a2a.spec.MethodNotFoundError;
import io.a2a.spec.SendMessageResponse;
import io.a2a.spec.Task;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TextPart;
import io.a2a.util.Utils;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The simulated agents as A2A agents ({@code --a2a}): each serves its agent card at
 * {@code /{agentId}/.well-known/agent-card.json} (a skill per capability) and JSON-RPC at {@code /{agentId}/a2a}.
 * A task sent to one works for its planned time and then completes with an artifact, or fails; the gateway's
 * dispatcher finds that out with {@code tasks/get}, so the simulator itself calls nothing for these agents.
 */
final class SimulatedA2aAgents implements AutoCloseable {

    private final AgentPlan plan;
    private final HttpServer server;
    private final String host;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    private record Run(String id, String contextId, long startedNanos, AgentPlan.Attempt attempt,
                       AtomicBoolean cancelled) {
        TaskState state() {
            if (cancelled.get()) {
                return TaskState.CANCELED;
            }
            long elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
            if (elapsedMs < attempt.work().toMillis()) {
                return TaskState.WORKING;
            }
            return attempt.fails() ? TaskState.FAILED : TaskState.COMPLETED;
        }

        Task task() {
            TaskState state = state();
            Message said = state == TaskState.FAILED ? new Message.Builder().role(Message.Role.AGENT)
                    .messageId(id + "-failed").parts(List.of(new TextPart("simulated failure"))).build() : null;
            List<Artifact> artifacts = state == TaskState.COMPLETED ? List.of(new Artifact.Builder()
                    .artifactId(id + "-result").name("result").parts(List.of(new TextPart("simulated result")))
                    .build()) : List.of();
            return new Task.Builder().id(id).contextId(contextId).status(new TaskStatus(state, said, null))
                    .artifacts(artifacts).build();
        }
    }

    /** Serves every planned agent on {@code host}:{@code port} (0: any free port), which the gateway must reach. */
    SimulatedA2aAgents(AgentPlan plan, String host, int port) throws IOException {
        this.plan = plan;
        this.host = host;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "simulated-a2a");
            thread.setDaemon(true);
            return thread;
        }));
        for (AgentPlan.Agent agent : plan.agents()) {
            server.createContext("/" + agent.id() + "/", exchange -> serve(agent, exchange));
        }
        server.start();
    }

    String cardUrl(String agentId) {
        return base(agentId) + "/.well-known/agent-card.json";
    }

    private String base(String agentId) {
        return "http://" + host + ":" + server.getAddress().getPort() + "/" + agentId;
    }

    private void serve(AgentPlan.Agent agent, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(agent.id().length() + 1);
        if (path.equals("/.well-known/agent-card.json")) {
            answer(exchange, 200, Utils.OBJECT_MAPPER.writeValueAsString(card(agent)));
        } else if (path.equals("/a2a") && "POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 200, Utils.OBJECT_MAPPER.writeValueAsString(jsonRpc(
                    Utils.OBJECT_MAPPER.readTree(exchange.getRequestBody().readAllBytes()))));
        } else {
            answer(exchange, 404, "{}");
        }
    }

    private AgentCard card(AgentPlan.Agent agent) {
        return new AgentCard.Builder().name(agent.id()).description("A simulated agent").url(base(agent.id()) + "/a2a")
                .version("1.0.0").protocolVersion("0.3.0")
                .capabilities(new AgentCapabilities.Builder().streaming(false).pushNotifications(false).build())
                .defaultInputModes(List.of("text/plain")).defaultOutputModes(List.of("text/plain"))
                .skills(agent.capabilities().stream().map(capability -> new AgentSkill.Builder().id(capability)
                        .name(capability).description("Simulated " + capability).tags(List.of(capability)).build())
                        .toList())
                .build();
    }

    private Object jsonRpc(JsonNode request) {
        Object id = request.path("id").isNumber() ? request.path("id").asLong() : request.path("id").asText();
        JsonNode params = request.path("params");
        switch (request.path("method").asText()) {
            case "message/send" -> {
                Run run = new Run(UUID.randomUUID().toString(), UUID.randomUUID().toString(), System.nanoTime(),
                        plan.nextAttempt(), new AtomicBoolean());
                runs.put(run.id(), run);
                return new SendMessageResponse(id, run.task());
            }
            case "tasks/get" -> {
                Run run = runs.get(params.path("id").asText());
                return run == null ? new GetTaskResponse(id, new TaskNotFoundError()) : new GetTaskResponse(id,
                        run.task());
            }
            case "tasks/cancel" -> {
                Run run = runs.get(params.path("id").asText());
                if (run == null) {
                    return new CancelTaskResponse(id, new TaskNotFoundError());
                }
                run.cancelled().set(true);
                return new CancelTaskResponse(id, run.task());
            }
            default -> {
                return new GetTaskResponse(id, new MethodNotFoundError());
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
