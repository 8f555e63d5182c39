package io.switchboard.assignment.decider;

import io.switchboard.assignment.queue.AssignmentPlanner;
import io.switchboard.assignment.queue.AssignmentQueue;
import io.switchboard.assignment.queue.ConcurrencyCaps;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.Candidate;
import io.switchboard.assignment.selection.PendingTask;
import io.switchboard.events.MessageType;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.assignment.AssignmentDecided;
import io.switchboard.events.assignment.AssignmentRequest;
import io.switchboard.events.assignment.AssignmentResult;
import io.switchboard.events.assignment.AssignmentResult.Outcome;
import io.switchboard.events.command.AssignTask;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.ReleaseTask;
import io.switchboard.events.task.AgentRef;
import io.switchboard.events.task.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The assignment decisions, without Kafka: the state the views have shown so far, the requests of a round and the
 * time in; the messages to write out, with what to remember once they are written. One round answers its requests
 * in order, then fills agents' free room from the automatic queue, then takes back the tasks their agents did not
 * start in time. The Kafka loop ({@link AssignmentDecider}) writes a round's messages in one transaction and calls
 * {@link #committed} only when that transaction committed.
 */
final class Decider {

    static final String ACTOR = "assignment-service";

    /** A message to write: its type, its record key and its payload. */
    record Message(MessageType type, String key, Object payload) {
    }

    /** A take-back to remember once written. */
    record TakeBack(String taskId, long version, String agentId) {
    }

    /** What a round decided. Nothing is remembered of it before {@link #committed}. */
    record Decisions(List<Message> messages, List<Reservation> reservations, List<TakeBack> takeBacks) {
        boolean isEmpty() {
            return messages.isEmpty();
        }
    }

    private final DeciderState state;
    private final AssignmentQueue queue;
    private final AgentSelector selector;
    private final AssignmentPlanner planner;
    private final DeciderSettings settings;
    private final Supplier<String> decisionIds;

    Decider(DeciderState state, AssignmentQueue queue, AgentSelector selector, DeciderSettings settings,
            Supplier<String> decisionIds) {
        this.state = state;
        this.queue = queue;
        this.selector = selector;
        this.planner = new AssignmentPlanner(selector);
        this.settings = settings;
        this.decisionIds = decisionIds;
    }

    DeciderState state() {
        return state;
    }

    void onTask(Task task) {
        state.onTask(task);
    }

    void onAgent(AgentState agent) {
        state.onAgent(agent);
    }

    /**
     * One round. {@code anyTask} finds a task whatever its status (a request may name a finished one, which the
     * state no longer keeps).
     */
    Decisions round(List<AssignmentRequest> requests, Instant now, Function<String, Task> anyTask) {
        Round round = state.round(new ConcurrencyCaps(settings.concurrencyLimits()), now);
        Out out = new Out();
        for (AssignmentRequest request : requests) {
            AssignmentResult result = request.kind() == AssignmentRequest.Kind.ASSIGN
                    ? assignOne(request, round, now, out, anyTask)
                    : assignNext(request, round, now, out);
            out.messages.add(new Message(MessageType.ASSIGNMENT_RESULT, request.requestId(), result));
        }
        for (AssignmentPlanner.Placement placement : planner.plan(round.automaticInOrder(), round.pool, round.caps,
                settings.maxPerRound())) {
            decide(round, placement.task(), placement.selection().chosen(), placement.selection(), null,
                    reason(placement.selection()), now, out);
        }
        takeBackUnacknowledged(now, out);
        return new Decisions(List.copyOf(out.messages), List.copyOf(out.reservations), List.copyOf(out.takeBacks));
    }

    /** The round's messages were written: its decisions are in flight until task-service applies them. */
    void committed(Decisions decisions) {
        decisions.reservations().forEach(state::reserved);
        decisions.takeBacks().forEach(t -> state.takenBack(t.taskId(), t.version(), t.agentId()));
    }

    private static final class Out {
        final List<Message> messages = new ArrayList<>();
        final List<Reservation> reservations = new ArrayList<>();
        final List<TakeBack> takeBacks = new ArrayList<>();
    }

    private AssignmentResult assignOne(AssignmentRequest request, Round round, Instant now, Out out,
                                       Function<String, Task> anyTask) {
        Task task = round.unfinished(request.taskId());
        if (task == null) {
            task = anyTask.apply(request.taskId());
        }
        if (task == null) {
            return result(request, Outcome.TASK_NOT_FOUND, null, "Task not found", "taskId");
        }
        PendingTask pending = round.pending(task.id());
        if (pending == null) {
            String status = state.reservedNow(task.id()) ? "being assigned" : task.status().name();
            return result(request, Outcome.NOT_PENDING, task, "Task " + task.id() + " is " + status
                    + ", not PENDING", "status");
        }
        AgentSelector.Selection selection = selector.select(pending, round.pool);
        Candidate agent = selection.chosen();
        String reason = reason(selection);
        if (request.agentId() != null) {
            agent = round.pool.get(request.agentId()).orElse(null);
            if (agent == null) {
                return result(request, Outcome.AGENT_NOT_FOUND, task, "Agent not found", "agentId");
            }
            var rule = selector.ineligibility(pending, agent);
            if (rule.isPresent()) {
                return result(request, Outcome.INELIGIBLE, task, "Agent " + agent.id() + " cannot take task "
                        + task.id() + ": " + rule.get(), "agentId");
            }
            reason = "requested by " + request.actor() + "; " + reason(selection);
        }
        if (agent == null) {
            return result(request, Outcome.NO_AGENT, task, "No available agent for task", "taskId");
        }
        if (!round.caps.tryTake(task.concurrencyKey())) {
            return result(request, Outcome.INELIGIBLE, task, "Concurrency key " + task.concurrencyKey()
                    + " is at its limit", "concurrencyKey");
        }
        round.pool.addLoad(agent.id(), 1);
        decide(round, pending, agent, selection, request.requestId(), reason, now, out);
        return new AssignmentResult(request.requestId(), Outcome.ASSIGNED, task.id(), task.version(), agent.id(),
                "Task assigned to " + agent.name(), null);
    }

    private AssignmentResult assignNext(AssignmentRequest request, Round round, Instant now, Out out) {
        List<AssignmentPlanner.Placement> next = planner.plan(queue.order(round.requestable(now), now), round.pool,
                round.caps, 1);
        if (next.isEmpty()) {
            return new AssignmentResult(request.requestId(), Outcome.NO_TASK, null, 0, null, "No tasks in queue", null);
        }
        AssignmentPlanner.Placement placement = next.get(0);
        Candidate agent = placement.selection().chosen();
        decide(round, placement.task(), agent, placement.selection(), request.requestId(),
                reason(placement.selection()), now, out);
        return new AssignmentResult(request.requestId(), Outcome.ASSIGNED, placement.task().id(),
                placement.task().version(), agent.id(), "Task assigned to " + agent.name(), null);
    }

    /** A decision the caller has counted against the agent's capacity and the concurrency caps. */
    private void decide(Round round, PendingTask task, Candidate agent, AgentSelector.Selection selection,
                        String requestId, String reason, Instant now, Out out) {
        String decisionId = decisionIds.get();
        List<AssignmentDecided.CandidateScore> candidates = selection.ranking().stream()
                .map(s -> new AssignmentDecided.CandidateScore(s.agentId(), s.score(), s.load(), s.excluded()))
                .toList();
        out.messages.add(new Message(MessageType.ASSIGNMENT_DECIDED, task.id(), new AssignmentDecided(decisionId,
                task.id(), task.version(), agent.id(), agent.name(), reason, candidates, requestId, now)));
        out.messages.add(new Message(MessageType.ASSIGN_TASK, task.id(), new AssignTask(new CommandMeta(decisionId,
                task.id(), ACTOR, now, task.version(), null), new AgentRef(agent.id(), agent.name()), reason)));
        round.placed(task.id());
        out.reservations.add(new Reservation(task.id(), task.version(), agent.id(), task.concurrencyKey()));
    }

    /**
     * An ASSIGNED task its agent did not start in time goes back to the queue, and that agent is avoided next. The
     * time counts from when this decider first saw the assignment, on its own clock: a clock skew between services
     * cannot make it take tasks back at once (only later, after a take-over, when the count starts again).
     */
    private void takeBackUnacknowledged(Instant now, Out out) {
        for (Task task : state.assignedTasks()) {
            if (state.released(task.id())) {
                continue;
            }
            Instant since = state.assignedSince(task, now);
            if (now.isBefore(since.plus(settings.ackTimeout()))) {
                continue;
            }
            String commandId = "ack-timeout-" + task.id() + "-" + task.version();
            out.messages.add(new Message(MessageType.RELEASE_TASK, task.id(), new ReleaseTask(new CommandMeta(
                    commandId, task.id(), ACTOR, now, task.version(), null), task.agent(),
                    "not started within " + settings.ackTimeout())));
            out.takeBacks.add(new TakeBack(task.id(), task.version(), task.agent()));
        }
    }

    /** Why this agent, for the task's history: the best candidates and their scores. */
    static String reason(AgentSelector.Selection selection) {
        StringBuilder reason = new StringBuilder(selection.ranking().size() <= 1 ? "only eligible agent"
                : "best of " + selection.ranking().size() + " top eligible agents");
        String separator = ": ";
        for (AgentSelector.Scored scored : selection.ranking()) {
            reason.append(separator).append(scored.agentId()).append(' ')
                    .append(String.format(Locale.ROOT, "%.3f", scored.score()));
            if (scored.excluded()) {
                reason.append(" (failed it before)");
            }
            separator = ", ";
        }
        return reason.toString();
    }

    private static AssignmentResult result(AssignmentRequest request, Outcome outcome, Task task, String message,
                                           String field) {
        return new AssignmentResult(request.requestId(), outcome, request.taskId(), task == null ? 0 : task.version(),
                request.agentId(), message, field);
    }
}
