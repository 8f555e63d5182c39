package io.switchboard.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The live events a simulated agent reacts to, from the gateway's WebSocket (no polling): assignments, and the ends
 * of tasks. One connection for all simulated agents.
 */
public final class TaskEvents implements WebSocket.Listener, AutoCloseable {

    /** One frame: the event name, its task id, the agent it names (for assignments), and whether it ends the task. */
    public record Event(String name, String taskId, String agentId, boolean finalState) {
    }

    private static final String EVENTS = "task:assigned,task:completed,task:failed,task:cancelled";

    private final Consumer<Event> handler;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    private TaskEvents(Consumer<Event> handler) {
        this.handler = handler;
    }

    public static TaskEvents open(GatewayClient gateway, Consumer<Event> handler) {
        TaskEvents events = new TaskEvents(handler);
        String query = "?events=" + URLEncoder.encode(EVENTS, StandardCharsets.UTF_8)
                + (gateway.apiKey() == null ? "" : "&apiKey=" + URLEncoder.encode(gateway.apiKey(),
                StandardCharsets.UTF_8));
        URI uri = URI.create(gateway.base().toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws"
                + query);
        events.socket = gateway.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, events).join();
        return events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            Event event = parse(JsonMapper.shared().readTree(frame));
            if (event != null) {
                handler.accept(event);
            }
        }
        webSocket.request(1);
        return null;
    }

    static Event parse(JsonNode frame) {
        String name = frame.path("event").asString("");
        JsonNode data = frame.path("data");
        String taskId = data.path("task").path("id").asString(null);
        if (taskId == null) {
            return null;
        }
        return switch (name) {
            case "task:assigned" -> new Event(name, taskId, data.path("agent").path("id").asString(null), false);
            case "task:completed", "task:cancelled" -> new Event(name, taskId, null, true);
            case "task:failed" -> new Event(name, taskId, null, !data.path("willRetry").asBoolean(false));
            default -> null;
        };
    }

    @Override
    public void close() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }
}
