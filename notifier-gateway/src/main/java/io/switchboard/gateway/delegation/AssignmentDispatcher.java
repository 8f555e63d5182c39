package io.switchboard.gateway.delegation;

import io.a2a.spec.Message;
import io.a2a.spec.PushNotificationConfig;
import io.a2a.spec.Task;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.switchboard.events.MessageType;
import io.switchboard.events.a2a.A2aDispatch;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.events.task.TaskArchived;
import io.switchboard.events.task.TaskAssigned;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a task to the A2A agent it was assigned to ({@code message/send}) and writes the dispatch, once the task is
 * still assigned to that agent and not already sent. An agent that cannot be reached or refuses fails the attempt,
 * as the agent; the task's retry policy then gives it back to the queue.
 */
final class AssignmentDispatcher {

    /** Something Switchboard's own services or Kafka did not answer: the assignment is tried again. */
    static final class NotNow extends Exception {
        NotNow(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final AgentDirectory directory;
    private final AgentCalls agents;
    private final SwitchboardCalls switchboard;
    private final Dispatches dispatches;
    private final DispatchTracker tracker;
    private final PushNotifications pushes;
    private final MessageCodec codec;
    private final Clock clock;
    private final Duration timeout;

    AssignmentDispatcher(AgentDirectory directory, AgentCalls agents, SwitchboardCalls switchboard,
                         Dispatches dispatches, DispatchTracker tracker, PushNotifications pushes,
                         MessageCodec codec, Clock clock, Duration timeout) {
        this.directory = directory;
        this.agents = agents;
        this.switchboard = switchboard;
        this.dispatches = dispatches;
        this.tracker = tracker;
        this.pushes = pushes;
        this.codec = codec;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** One {@code task.assigned} record's value. */
    void onAssigned(byte[] value) throws NotNow {
        TaskAssigned assigned = (TaskAssigned) codec.decode(MessageType.TASK_ASSIGNED, value);
        if (assigned.agent() == null) {
            return;
        }
        String agentId = assigned.agent().id();
        try {
            Optional<AgentDirectory.A2aAgent> agent = directory.find(agentId);
            if (agent.isEmpty() || alreadySent(assigned.taskId(), agentId)) {
                return;
            }
            Optional<JsonNode> task = switchboard.task(assigned.taskId());
            if (task.isEmpty() || !"ASSIGNED".equals(task.get().path("status").asString())
                    || !agentId.equals(task.get().path("agent").asString())) {
                return; // a later change overtook this assignment
            }
            send(task.get(), agent.get(), assigned.version());
        } catch (IOException e) {
            throw new NotNow("Switchboard did not answer: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new NotNow("the dispatch could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * One {@code task.archived} record's value: the task's dispatch goes too, once it is final (a dispatch still in
     * flight belongs to a task that was not archived at this version, and is left alone).
     */
    void onArchived(byte[] value) throws NotNow {
        TaskArchived archived = (TaskArchived) codec.decode(MessageType.TASK_ARCHIVED, value);
        Optional<A2aDispatch> dispatch = dispatches.get(archived.taskId());
        if (dispatch.isEmpty() || !dispatch.get().done()) {
            return;
        }
        try {
            dispatches.remove(archived.taskId());
        } catch (TimeoutException e) {
            throw new NotNow("the dispatch could not be removed: " + e.getMessage(), e);
        }
    }

    private boolean alreadySent(String taskId, String agentId) {
        return dispatches.get(taskId).filter(d -> d.agentId().equals(agentId) && !d.done()).isPresent();
    }

    private void send(JsonNode task, AgentDirectory.A2aAgent agent, long version)
            throws IOException, TimeoutException {
        String taskId = task.path("id").asString();
        long next = dispatches.get(taskId).map(A2aDispatch::version).orElse(0L) + 1;
        String messageId = "switchboard:" + taskId + ":" + version;
        // Streaming where the card says so, else push notifications where it offers them, else polling alone.
        Optional<PushNotifications.Offer> push = agent.streaming() || !agent.pushNotifications() ? Optional.empty()
                : pushes.offer(taskId);
        String tokenHash = push.map(PushNotifications.Offer::tokenHash).orElse(null);
        Object answer;
        try {
            answer = agent.streaming() ? stream(agent, taskId, messageId, task)
                    : agents.send(agent.url(), messageId, text(task), metadata(task), push.map(offer ->
                    new PushNotificationConfig.Builder().url(offer.url()).token(offer.token()).id(messageId)
                            .build()).orElse(null));
        } catch (AgentCalls.AgentUnavailable e) {
            switchboard.step(taskId, "fail", agent.id(), "A2A agent " + agent.id() + ": " + e.getMessage());
            return;
        }
        A2aDispatch dispatch;
        if (answer instanceof Task made) {
            dispatch = new A2aDispatch(taskId, agent.id(), agent.url(), made.getId(), made.getContextId(),
                    A2aTaskFacts.state(made), A2aTaskFacts.statusText(made), A2aTaskFacts.artifacts(made),
                    clock.instant(), next, tokenHash);
        } else if (answer instanceof TaskStatusUpdateEvent update) {
            dispatch = new A2aDispatch(taskId, agent.id(), agent.url(), update.getTaskId(), update.getContextId(),
                    update.getStatus().state().asString(), A2aTaskFacts.text(update.getStatus().message()),
                    List.of(), clock.instant(), next, tokenHash);
        } else {
            // An answer without a task: the agent did the work at once, and its message is the result.
            Message message = (Message) answer;
            dispatch = new A2aDispatch(taskId, agent.id(), agent.url(), null, message.getContextId(), "completed",
                    null, List.of(new A2aDispatch.Artifact(message.getMessageId(), "message",
                            A2aTaskFacts.text(message))), clock.instant(), next, null);
        }
        dispatches.write(dispatch);
    }

    /**
     * {@code message/stream} to an agent whose card says it streams: the first event (the task it made) is the
     * answer; every later one wakes the task's follower.
     */
    private Object stream(AgentDirectory.A2aAgent agent, String taskId, String messageId, JsonNode task)
            throws AgentCalls.AgentUnavailable {
        CompletableFuture<Object> first = new CompletableFuture<>();
        tracker.streamOpened(taskId);
        agents.stream(agent.url(), messageId, text(task), metadata(task), event -> {
            if (!first.complete(event)) {
                tracker.woke(taskId);
            }
        }, error -> {
            first.completeExceptionally(error == null ? new IllegalStateException("the stream ended at once")
                    : error);
            tracker.streamEnded(taskId);
        });
        try {
            return first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            tracker.streamEnded(taskId);
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new AgentCalls.AgentUnavailable("message/stream failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentCalls.AgentUnavailable("message/stream interrupted", e);
        }
    }

    /** The task's name, then its description: what the agent is asked to do. */
    static String text(JsonNode task) {
        String description = task.path("description").asString("");
        return task.path("name").asString() + (description.isBlank() ? "" : "\n\n" + description);
    }

    /** What else the agent may want to know, under {@code switchboard} in the message's metadata. */
    static Map<String, Object> metadata(JsonNode task) {
        Map<String, Object> switchboard = new LinkedHashMap<>();
        switchboard.put("taskId", task.path("id").asString());
        switchboard.put("priority", task.path("priority").asString());
        switchboard.put("requiredCapabilities", strings(task.path("requiredCapabilities")));
        Map<String, String> labels = new LinkedHashMap<>();
        task.path("labels").properties().forEach(entry -> labels.put(entry.getKey(), entry.getValue().asString()));
        switchboard.put("labels", labels);
        if (!task.path("dueAt").isMissingNode() && !task.path("dueAt").isNull()) {
            switchboard.put("dueAt", task.path("dueAt").asString());
        }
        return Map.of("switchboard", switchboard);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
