package io.switchboard.gateway.delegation;

import io.a2a.spec.Task;
import io.switchboard.events.a2a.A2aDispatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Follows a task sent to an A2A agent: asks the agent for its state ({@code tasks/get}), keeps what changed on the
 * dispatch, moves the Switchboard task along ({@link LifecycleSteps}), and counts each answer as the agent's
 * heartbeat. A Switchboard task that was cancelled, or handed back because the agent went OFFLINE, is cancelled at
 * the agent. An agent that stops answering sends no more heartbeats, so the registry takes it OFFLINE and its tasks
 * go back to the queue, as for any agent.
 */
final class DispatchTracker {

    private static final Logger log = LoggerFactory.getLogger(DispatchTracker.class);
    /** The longest reason task-service takes. */
    private static final int MAX_REASON = 1_000;

    private final AgentCalls agents;
    private final AgentDirectory directory;
    private final SwitchboardCalls switchboard;
    private final Dispatches dispatches;
    private final Clock clock;
    private final Map<String, Instant> lastBeat = new ConcurrentHashMap<>();
    /** Tasks whose agent streamed an event since they were last looked at: looked at now, not at the next poll. */
    private final Set<String> woken = ConcurrentHashMap.newKeySet();
    /** Tasks with a stream open to their agent ({@code message/stream} or {@code tasks/resubscribe}). */
    private final Set<String> streaming = ConcurrentHashMap.newKeySet();

    DispatchTracker(AgentCalls agents, AgentDirectory directory, SwitchboardCalls switchboard,
                    Dispatches dispatches, Clock clock) {
        this.agents = agents;
        this.directory = directory;
        this.switchboard = switchboard;
        this.dispatches = dispatches;
        this.clock = clock;
    }

    /**
     * The events of a stream to the agent of {@code taskId}: each one wakes the task, so that it is looked at (and
     * the Switchboard task moved along) at once. The stream only hastens: what the task does is still read with
     * {@code tasks/get}, so an event lost with a stream loses nothing.
     */
    void streamOpened(String taskId) {
        streaming.add(taskId);
    }

    void woke(String taskId) {
        woken.add(taskId);
    }

    /** The next poll may open another (at most one try per poll: an agent that refuses streams is not pressed). */
    void streamEnded(String taskId) {
        streaming.remove(taskId);
    }

    /** Forgets the wake-ups of tasks not in flight (pushes for tasks another instance follows, say). */
    void keepWakesOf(Set<String> inFlight) {
        woken.retainAll(inFlight);
    }

    /** Whether the task was woken since it was last looked at (and forgets it). */
    boolean takeWake(String taskId) {
        return woken.remove(taskId);
    }

    /** One look at a dispatch; what Switchboard or Kafka did not answer is tried at the next look. */
    void follow(A2aDispatch dispatch) {
        try {
            Optional<JsonNode> task = switchboard.task(dispatch.taskId());
            String status = task.map(t -> t.path("status").asString()).orElse("GONE");
            boolean withTheAgent = task.isPresent() && dispatch.agentId().equals(task.get().path("agent").asString())
                    && ("ASSIGNED".equals(status) || "IN_PROGRESS".equals(status));
            if (!withTheAgent) {
                leave(dispatch, status);
                return;
            }
            A2aDispatch now = dispatch.done() ? dispatch : ask(dispatch);
            if (now == null) {
                return; // the agent did not answer
            }
            if (!now.done()) {
                resubscribe(now);
            }
            for (LifecycleSteps.Step step : LifecycleSteps.toFollow(now.state(), status)) {
                String reason = step == LifecycleSteps.Step.FAIL || step == LifecycleSteps.Step.CANCEL
                        ? reason(now) : null;
                SwitchboardCalls.Answer answer = switchboard.step(now.taskId(),
                        step.name().toLowerCase(java.util.Locale.ROOT), now.agentId(), reason);
                if (!answer.ok()) {
                    log.info("A2A task {}: {} refused for {}: HTTP {}", now.a2aTaskId(), step, now.taskId(),
                            answer.status());
                    return;
                }
            }
        } catch (IOException | TimeoutException e) {
            log.debug("A2A dispatch of {} not followed now: {}", dispatch.taskId(), e.getMessage());
        }
    }

    /** A stream to a streaming agent for a task in flight that has none (after a restart, or one that broke). */
    private void resubscribe(A2aDispatch dispatch) {
        if (dispatch.a2aTaskId() == null || streaming.contains(dispatch.taskId())) {
            return;
        }
        try {
            Optional<AgentDirectory.A2aAgent> agent = directory.find(dispatch.agentId());
            if (agent.isEmpty() || !agent.get().streaming()) {
                return;
            }
            streamOpened(dispatch.taskId());
            agents.resubscribe(dispatch.agentUrl(), dispatch.a2aTaskId(), event -> woke(dispatch.taskId()),
                    error -> streamEnded(dispatch.taskId()));
        } catch (IOException | AgentCalls.AgentUnavailable e) {
            streamEnded(dispatch.taskId());
            log.debug("No stream for A2A task {} of {}: {}", dispatch.a2aTaskId(), dispatch.taskId(),
                    e.getMessage());
        }
    }

    /** The agent's state of the task, written when it changed; null when the agent did not answer. */
    private A2aDispatch ask(A2aDispatch dispatch) throws TimeoutException {
        Task task;
        try {
            task = agents.get(dispatch.agentUrl(), dispatch.a2aTaskId());
        } catch (AgentCalls.AgentUnavailable e) {
            log.debug("A2A agent {} did not answer for {}: {}", dispatch.agentId(), dispatch.taskId(),
                    e.getMessage());
            return null;
        }
        try {
            directory.find(dispatch.agentId()).ifPresent(this::heartbeat);
        } catch (IOException e) {
            log.debug("A2A agent {} not looked up: {}", dispatch.agentId(), e.getMessage());
        }
        A2aDispatch now = dispatch.with(A2aTaskFacts.state(task), A2aTaskFacts.statusText(task),
                A2aTaskFacts.artifacts(task), clock.instant());
        if (!same(now, dispatch)) {
            dispatches.write(now);
        }
        return now;
    }

    /** The task is no longer the agent's to do: cancelled at the agent if it still works on it. */
    private void leave(A2aDispatch dispatch, String status) throws TimeoutException {
        if (dispatch.done()) {
            dispatches.settle(dispatch);
            return;
        }
        if (dispatch.a2aTaskId() != null) {
            try {
                agents.cancel(dispatch.agentUrl(), dispatch.a2aTaskId());
            } catch (AgentCalls.AgentUnavailable e) {
                log.info("A2A task {} of {} not cancelled at {}: {}", dispatch.a2aTaskId(), dispatch.taskId(),
                        dispatch.agentId(), e.getMessage());
            }
        }
        String state = "CANCELLED".equals(status) ? "canceled" : "abandoned";
        A2aDispatch left = dispatch.with(state, dispatch.message(), dispatch.artifacts(), clock.instant());
        dispatches.write(left);
        dispatches.settle(left);
    }

    /**
     * An agent that answered counts as alive: a heartbeat at most every third of its interval (each one is a write
     * at the registry), none for an agent that expects none.
     */
    void heartbeat(AgentDirectory.A2aAgent agent) {
        if (!dueForHeartbeat(agent)) {
            return;
        }
        Instant now = clock.instant();
        try {
            switchboard.heartbeat(agent.id());
            lastBeat.put(agent.id(), now);
        } catch (IOException e) {
            log.debug("Heartbeat of A2A agent {} not sent: {}", agent.id(), e.getMessage());
        }
    }

    boolean dueForHeartbeat(AgentDirectory.A2aAgent agent) {
        if (agent.heartbeatIntervalMs() <= 0) {
            return false;
        }
        Instant last = lastBeat.get(agent.id());
        return last == null || !last.plus(Duration.ofMillis(agent.heartbeatIntervalMs() / 3)).isAfter(clock.instant());
    }

    private static String reason(A2aDispatch dispatch) {
        String said = dispatch.message();
        String reason = "A2A task " + dispatch.state() + (said == null || said.isBlank() ? "" : ": " + said);
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    private static boolean same(A2aDispatch a, A2aDispatch b) {
        return a.state().equals(b.state()) && java.util.Objects.equals(a.message(), b.message())
                && a.artifacts().equals(b.artifacts());
    }
}
