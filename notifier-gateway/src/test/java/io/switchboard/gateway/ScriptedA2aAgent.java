package io.switchboard.gateway;

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
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.PushNotificationConfig;
import io.a2a.spec.SendMessageResponse;
import io.a2a.spec.SendStreamingMessageResponse;
import io.a2a.spec.Task;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.a2a.spec.TextPart;
import io.a2a.util.Utils;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real A2A agent over HTTP, as small as the protocol allows: its agent card, and JSON-RPC {@code message/send},
 * {@code tasks/get} and {@code tasks/cancel}, written with the A2A SDK's own types and JSON mapping. Each task it
 * takes walks through the states of its script, one per {@code tasks/get} (or, for one that streams or pushes, one
 * every step of its clock); an {@code input-required} step waits until a message answers it, and a final
 * {@code completed} carries an artifact with the answer it got.
 */
final class ScriptedA2aAgent implements AutoCloseable {

    private final String name;
    private final String skill;
    private final List<TaskState> script;
    /** How the agent tells of its tasks' progress: only when asked (tasks/get), on a stream, or by pushes. */
    private enum Reports { WHEN_ASKED, STREAMS, PUSHES }

    private final Reports reports;
    /** For an agent that streams or pushes: it moves each task to its next state every this long. */
    private final Duration step;
    private final HttpServer server;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    /** Moves streamed tasks along their script. */
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    /** Every JSON-RPC method called, in order, as "method taskId". */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** The text of every message that made a task. */
    final List<String> received = new CopyOnWriteArrayList<>();
    /** The HTTP status of every push notification this agent sent, in order. */
    final List<Integer> pushAnswers = new CopyOnWriteArrayList<>();
    private final HttpClient pusher = HttpClient.newHttpClient();

    private final class Run {
        final String id = UUID.randomUUID().toString();
        final String contextId = UUID.randomUUID().toString();
        int step = -1;
        String answer;
        boolean cancelled;

        synchronized Task task() {
            if (cancelled) {
                return task(TaskState.CANCELED, "cancelled on request", List.of());
            }
            if (step < 0) {
                return task(TaskState.SUBMITTED, null, List.of());
            }
            TaskState state = script.get(Math.min(step, script.size() - 1));
            return switch (state) {
                case INPUT_REQUIRED -> task(state, "Which year should the report cover?", List.of());
                case COMPLETED -> task(state, "done", List.of(new Artifact.Builder().artifactId("report-1")
                        .name("report").parts(List.of(new TextPart("Report for " + answer))).build()));
                case FAILED -> task(state, "no GPU available", List.of());
                default -> task(state, null, List.of());
            };
        }

        synchronized void advance() {
            boolean waiting = step >= 0 && step < script.size()
                    && script.get(step) == TaskState.INPUT_REQUIRED && answer == null;
            if (!waiting && !cancelled) {
                step++;
            }
        }

        private Task task(TaskState state, String text, List<Artifact> artifacts) {
            Message message = text == null ? null : new Message.Builder().role(Message.Role.AGENT)
                    .messageId(UUID.randomUUID().toString()).parts(List.of(new TextPart(text))).build();
            return new Task.Builder().id(id).contextId(contextId).status(new TaskStatus(state, message, null))
                    .artifacts(artifacts).build();
        }
    }

    /** @param script the states a task goes through, one per {@code tasks/get} after {@code submitted} */
    ScriptedA2aAgent(String name, String skill, List<TaskState> script) throws IOException {
        this(name, skill, script, Reports.WHEN_ASKED, null);
    }

    /**
     * A streaming agent (its card says so): a task made with {@code message/stream} moves to the next state of its
     * script every {@code step}, each sent on the stream as a status update; {@code tasks/get} does not move it.
     */
    static ScriptedA2aAgent streaming(String name, String skill, List<TaskState> script, Duration step)
            throws IOException {
        return new ScriptedA2aAgent(name, skill, script, Reports.STREAMS, step);
    }

    /**
     * An agent whose card offers push notifications and no streaming: a task sent with a push notification config
     * moves to the next state of its script every {@code step}, each one POSTed to the config's URL with its token
     * (A2A 0.3: the task as JSON, the token in {@code X-A2A-Notification-Token}); {@code tasks/get} does not move it.
     */
    static ScriptedA2aAgent pushing(String name, String skill, List<TaskState> script, Duration step)
            throws IOException {
        return new ScriptedA2aAgent(name, skill, script, Reports.PUSHES, step);
    }

    private ScriptedA2aAgent(String name, String skill, List<TaskState> script, Reports reports, Duration step)
            throws IOException {
        this.name = name;
        this.skill = skill;
        this.script = List.copyOf(script);
        this.reports = reports;
        this.step = step;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/.well-known/agent-card.json", exchange -> answer(exchange,
                Utils.OBJECT_MAPPER.writeValueAsString(card())));
        server.createContext("/a2a", this::jsonRpc);
        server.start();
    }

    String cardUrl() {
        return base() + "/.well-known/agent-card.json";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private AgentCard card() {
        return new AgentCard.Builder().name(name).description("A scripted agent for tests").url(base() + "/a2a")
                .version("1.0.0").protocolVersion("0.3.0")
                .capabilities(new AgentCapabilities.Builder().streaming(reports == Reports.STREAMS)
                        .pushNotifications(reports == Reports.PUSHES)
                        .build())
                .defaultInputModes(List.of("text/plain")).defaultOutputModes(List.of("text/plain"))
                .skills(List.of(new AgentSkill.Builder().id(skill).name(skill).description("Does " + skill)
                        .tags(List.of(skill)).build()))
                .build();
    }

    private void jsonRpc(HttpExchange exchange) throws IOException {
        JsonNode request = Utils.OBJECT_MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        Object id = request.get("id").isNumber() ? request.get("id").asLong() : request.get("id").asText();
        String method = request.path("method").asText();
        JsonNode params = request.path("params");
        if (method.equals("message/stream")) {
            stream(exchange, id, Utils.OBJECT_MAPPER.treeToValue(params, MessageSendParams.class));
            return;
        }
        Object response = switch (method) {
            case "message/send" -> send(id, Utils.OBJECT_MAPPER.treeToValue(params, MessageSendParams.class));
            case "tasks/get" -> {
                Run run = runs.get(params.path("id").asText());
                calls.add(method + " " + params.path("id").asText());
                if (run == null) {
                    yield new GetTaskResponse(id, new TaskNotFoundError());
                }
                if (reports == Reports.WHEN_ASKED) {
                    run.advance();
                }
                yield new GetTaskResponse(id, run.task());
            }
            case "tasks/cancel" -> {
                Run run = runs.get(params.path("id").asText());
                calls.add(method + " " + params.path("id").asText());
                if (run == null) {
                    yield new CancelTaskResponse(id, new TaskNotFoundError());
                }
                synchronized (run) {
                    run.cancelled = true;
                }
                yield new CancelTaskResponse(id, run.task());
            }
            default -> throw new IllegalStateException("not a method this agent serves: " + method);
        };
        answer(exchange, Utils.OBJECT_MAPPER.writeValueAsString(response));
    }

    private SendMessageResponse send(Object id, MessageSendParams params) {
        Message message = params.message();
        String text = message.getParts().stream().filter(TextPart.class::isInstance)
                .map(part -> ((TextPart) part).getText()).reduce("", (a, b) -> a + b);
        if (message.getTaskId() != null) {
            Run run = runs.get(message.getTaskId());
            calls.add("message/send " + message.getTaskId());
            synchronized (run) {
                run.answer = text;
            }
            return new SendMessageResponse(id, run.task());
        }
        Run run = new Run();
        runs.put(run.id, run);
        received.add(text);
        calls.add("message/send " + run.id);
        PushNotificationConfig push = params.configuration() == null ? null
                : params.configuration().pushNotificationConfig();
        if (reports == Reports.PUSHES && push != null) {
            pushSteps(run, push);
        }
        return new SendMessageResponse(id, run.task());
    }

    /** The agent at work: a step of the script every step, each one pushed; the last one ends the pushes. */
    private void pushSteps(Run run, PushNotificationConfig push) {
        AtomicInteger steps = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> work = new AtomicReference<>();
        work.set(clock.scheduleAtFixedRate(() -> {
            run.advance();
            try {
                HttpResponse<Void> answer = pusher.send(HttpRequest.newBuilder(URI.create(push.url()))
                        .header("Content-Type", "application/json")
                        .header("X-A2A-Notification-Token", push.token())
                        .POST(HttpRequest.BodyPublishers.ofString(Utils.OBJECT_MAPPER.writeValueAsString(run.task())))
                        .build(), HttpResponse.BodyHandlers.discarding());
                pushAnswers.add(answer.statusCode());
            } catch (IOException e) {
                pushAnswers.add(-1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (steps.incrementAndGet() == script.size()) {
                work.get().cancel(false);
            }
        }, step.toMillis(), step.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The task, then a status update at each step of the script, the last one final; then the stream ends. */
    private void stream(HttpExchange exchange, Object id, MessageSendParams params) throws IOException {
        Run run = new Run();
        runs.put(run.id, run);
        received.add(params.message().getParts().stream().filter(TextPart.class::isInstance)
                .map(part -> ((TextPart) part).getText()).reduce("", (a, b) -> a + b));
        calls.add("message/stream " + run.id);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, new SendStreamingMessageResponse(id, run.task()));
        // The agent at work: a step of the script every streamStep, each sent on the open stream by the clock's
        // thread; the last one ends the stream.
        AtomicInteger steps = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> work = new AtomicReference<>();
        work.set(clock.scheduleAtFixedRate(() -> {
            try {
                run.advance();
                Task task = run.task();
                event(out, new SendStreamingMessageResponse(id, new TaskStatusUpdateEvent(run.id, task.getStatus(),
                        run.contextId, task.getStatus().state().isFinal(), null)));
                if (steps.incrementAndGet() == script.size()) {
                    out.close();
                    work.get().cancel(false);
                }
            } catch (IOException e) {
                exchange.close(); // the client went away
                work.get().cancel(false);
            }
        }, step.toMillis(), step.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static void event(OutputStream out, Object response) throws IOException {
        out.write(("data: " + Utils.OBJECT_MAPPER.writeValueAsString(response) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** The agent dies: it answers nothing from now on. */
    @Override
    public void close() {
        clock.shutdownNow();
        server.stop(0);
    }

    List<String> methods() {
        return new ArrayList<>(calls);
    }
}
