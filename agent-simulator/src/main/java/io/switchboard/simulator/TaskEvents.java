package io.switchboard.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The live events a simulated agent reacts to, from the gateway's WebSocket (no polling): assignments, and the ends
 * of tasks. One connection for all simulated agents; when it drops (a gateway restarted), it reconnects every second
 * with the id of the last event it had, and the gateway replays what came meanwhile.
 */
public final class TaskEvents implements WebSocket.Listener, AutoCloseable {

    /** One frame: the event name, its task id, the agent it names (for assignments), and whether it ends the task. */
    public record Event(String name, String taskId, String agentId, boolean finalState) {
    }

    private static final String EVENTS = "task:assigned,task:completed,task:failed,task:cancelled";

    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final GatewayClient gateway;
    private final Consumer<Event> handler;
    private final StringBuilder partial = new StringBuilder();
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulator-events");
        thread.setDaemon(true);
        return thread;
    });
    private volatile WebSocket socket;
    private volatile String lastEventId;
    private volatile boolean closed;
    private final AtomicLong reconnected = new AtomicLong();

    private TaskEvents(GatewayClient gateway, Consumer<Event> handler) {
        this.gateway = gateway;
        this.handler = handler;
    }

    public static TaskEvents open(GatewayClient gateway, Consumer<Event> handler) {
        TaskEvents events = new TaskEvents(gateway, handler);
        events.socket = events.connect().join();
        return events;
    }

    private CompletableFuture<WebSocket> connect() {
        String query = "?events=" + URLEncoder.encode(EVENTS, StandardCharsets.UTF_8)
                + (gateway.apiKey() == null ? "" : "&apiKey=" + URLEncoder.encode(gateway.apiKey(),
                StandardCharsets.UTF_8))
                + (lastEventId == null ? "" : "&lastEventId=" + URLEncoder.encode(lastEventId,
                StandardCharsets.UTF_8));
        URI uri = URI.create(gateway.base().toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws"
                + query);
        return gateway.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this);
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        partial.setLength(0);
        connect().whenComplete((webSocket, error) -> {
            if (error != null) {
                reconnects.schedule(this::reconnect, RECONNECT.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                socket = webSocket;
                reconnected.incrementAndGet();
            }
        });
    }

    /** How often the connection was made again after a drop. */
    public long reconnections() {
        return reconnected.get();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        reconnects.schedule(this::reconnect, RECONNECT.toMillis(), TimeUnit.MILLISECONDS);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        reconnects.schedule(this::reconnect, RECONNECT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            JsonNode json = JsonMapper.shared().readTree(frame);
            if (json.hasNonNull("id")) {
                lastEventId = json.get("id").asString();
            }
            Event event = parse(json);
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
        closed = true;
        reconnects.shutdownNow();
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }
}
