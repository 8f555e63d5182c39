package io.switchboard.agent.registry;

import io.switchboard.aggregate.Decision;
import io.switchboard.aggregate.Decision.Applied;
import io.switchboard.aggregate.Decision.Rejected;
import io.switchboard.aggregate.Decision.Unchanged;
import io.switchboard.events.agent.Agent;
import io.switchboard.events.agent.AgentCommand;
import io.switchboard.events.agent.AgentCommand.Deregister;
import io.switchboard.events.agent.AgentCommand.Expire;
import io.switchboard.events.agent.AgentCommand.Heartbeat;
import io.switchboard.events.agent.AgentCommand.HoldTask;
import io.switchboard.events.agent.A2aEndpoint;
import io.switchboard.events.agent.AgentCommand.Register;
import io.switchboard.events.agent.AgentCommand.ReleaseHeldTask;
import io.switchboard.events.agent.AgentCommand.SetStatus;
import io.switchboard.events.agent.AgentCommand.Update;
import io.switchboard.events.agent.AgentCommandMeta;
import io.switchboard.events.agent.AgentOverload;
import io.switchboard.events.agent.AgentRegistered;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.agent.AgentUpdated;
import io.switchboard.events.agent.HeldTask;
import io.switchboard.events.agent.TaskOutcome;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.RejectionReason;
import io.switchboard.events.command.ReleaseTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens to an agent: registration, heartbeats, operator status, updates, draining, the tasks it holds,
 * and heartbeat expiry, which hands its tasks back to task-service. A pure function of the current state, a
 * command and the time; the status is always derived by {@link AgentStatusRules}, never stored by hand.
 */
public final class AgentLifecycle {

    static final String ACTOR = "agent-registry";

    private final RegistryDefaults defaults;

    public AgentLifecycle(RegistryDefaults defaults) {
        this.defaults = defaults;
    }

    public Decision<AgentState> decide(AgentState current, AgentCommand command, Instant now) {
        Optional<AgentRules.Violation> badId = AgentRules.agentId(command.agentId())
                .or(() -> AgentRules.actor(command.meta().actor()));
        if (badId.isPresent()) {
            return invalid(badId.get());
        }
        if (command instanceof Register register) {
            return register(current, register, now);
        }
        if (command instanceof HoldTask hold) {
            return hold(current, hold, now);
        }
        if (current == null || (!current.visible() && !(command instanceof ReleaseHeldTask))) {
            return new Rejected<>(RejectionReason.NOT_FOUND, "Agent not found", "agentId");
        }
        Draft draft = new Draft(current, now);
        if (command instanceof Heartbeat heartbeat) {
            return heartbeat(draft, heartbeat);
        }
        if (command instanceof SetStatus setStatus) {
            return setStatus(draft, setStatus);
        }
        if (command instanceof Update update) {
            return update(draft, update);
        }
        if (command instanceof Deregister) {
            return deregister(draft);
        }
        if (command instanceof ReleaseHeldTask release) {
            return release(draft, release);
        }
        return expire(draft, (Expire) command);
    }

    /** The heartbeat deadline has passed for an agent that should beat: issue its expiry. */
    public List<AgentCommand> due(AgentState state, Instant now) {
        Agent agent = state.agent();
        if (!state.visible() || state.expired() || agent.heartbeatIntervalMs() <= 0 || agent.lastHeartbeat() == null
                || !now.isAfter(deadline(agent))) {
            return List.of();
        }
        return List.of(new Expire(new AgentCommandMeta("expire-" + agent.id() + "-" + agent.version(), agent.id(),
                ACTOR, now, null)));
    }

    /** When {@link #due} will have the agent's expiry: just after its heartbeat deadline; null if it cannot expire. */
    public Instant nextDue(AgentState state) {
        Agent agent = state.agent();
        if (!state.visible() || state.expired() || agent.heartbeatIntervalMs() <= 0 || agent.lastHeartbeat() == null) {
            return null;
        }
        return deadline(agent).plusMillis(1);
    }

    private Instant deadline(Agent agent) {
        return agent.lastHeartbeat().plus(Duration.ofMillis(agent.heartbeatIntervalMs())
                .multipliedBy(defaults.missedHeartbeats()));
    }

    private Decision<AgentState> register(AgentState current, Register command, Instant now) {
        Optional<AgentRules.Violation> violation = AgentRules.firstOf(AgentRules.name(command.name()),
                AgentRules.capabilities(command.capabilities()),
                AgentRules.maxConcurrentTasks(command.maxConcurrentTasks()),
                AgentRules.reliability(command.reliability()),
                AgentRules.heartbeatInterval(command.heartbeatIntervalMs()));
        if (violation.isPresent()) {
            return invalid(violation.get());
        }
        boolean fresh = current == null || !current.visible();
        Draft draft = fresh ? Draft.fresh(command.agentId(), current, defaults, now) : new Draft(current, now);
        draft.name = orElse(command.name(), draft.name);
        draft.capabilities = command.capabilities() == null ? draft.capabilities : trimmed(command.capabilities());
        draft.maxConcurrentTasks = orElse(command.maxConcurrentTasks(), draft.maxConcurrentTasks);
        draft.heartbeatIntervalMs = orElse(command.heartbeatIntervalMs(), draft.heartbeatIntervalMs);
        draft.a2a = orElse(command.a2a(), draft.a2a);
        if (fresh && command.reliability() != null) {
            // A known agent keeps the reliability it earned; a new one starts from what it says.
            draft.reliability = command.reliability();
        }
        draft.beat();
        draft.deregistering = false;
        draft.registered = true;
        draft.removed = false;
        return draft.applied(fresh ? "REGISTERED" : "REREGISTERED", fresh);
    }

    private Decision<AgentState> heartbeat(Draft draft, Heartbeat command) {
        Optional<AgentRules.Violation> badReport = AgentRules.reportedTasks(command.runningTasks());
        if (badReport.isPresent()) {
            return invalid(badReport.get());
        }
        boolean wasExpired = draft.expired;
        draft.beat();
        draft.selfOverloaded = Boolean.TRUE.equals(command.overloaded());
        draft.reportedTasks = command.runningTasks() == null ? List.of() : List.copyOf(command.runningTasks());
        return draft.applied(wasExpired ? "BACK_ONLINE" : "HEARTBEAT", false);
    }

    private Decision<AgentState> setStatus(Draft draft, SetStatus command) {
        if (command.status() == null) {
            return new Rejected<>(RejectionReason.INVALID, "status is required", "status");
        }
        AgentStatus override = command.status().acceptsWork() ? null : command.status();
        if (Objects.equals(override, draft.operatorStatus)) {
            return new Unchanged<>(draft.current);
        }
        draft.operatorStatus = override;
        return draft.applied("STATUS", false);
    }

    private Decision<AgentState> update(Draft draft, Update command) {
        Optional<AgentRules.Violation> violation = AgentRules.firstOf(AgentRules.name(command.name()),
                AgentRules.capabilities(command.capabilities()),
                AgentRules.maxConcurrentTasks(command.maxConcurrentTasks()));
        if (violation.isPresent()) {
            return invalid(violation.get());
        }
        draft.name = orElse(command.name(), draft.name);
        draft.capabilities = command.capabilities() == null ? draft.capabilities : trimmed(command.capabilities());
        draft.maxConcurrentTasks = orElse(command.maxConcurrentTasks(), draft.maxConcurrentTasks);
        if (draft.sameAgentAs(draft.current)) {
            return new Unchanged<>(draft.current);
        }
        return draft.applied("UPDATED", false);
    }

    private Decision<AgentState> deregister(Draft draft) {
        if (draft.deregistering) {
            return new Unchanged<>(draft.current);
        }
        draft.deregistering = true;
        return draft.applied(draft.removeIfDrained() ? "REMOVED" : "DEREGISTERING", false);
    }

    private Decision<AgentState> hold(AgentState current, HoldTask command, Instant now) {
        HeldTask task = command.task();
        Draft draft = current == null ? Draft.stub(command.agentId(), defaults, now) : new Draft(current, now);
        HeldTask known = draft.tasks.get(task.id());
        if (known != null && known.version() >= task.version()) {
            return new Unchanged<>(current);
        }
        if (draft.expired) {
            // Assigned (or imported) onto an agent whose heartbeats stopped: hand it back at once.
            ReleaseTask handBack = new ReleaseTask(new CommandMeta("release-" + draft.id + "-" + task.id() + "-"
                    + task.version(), task.id(), ACTOR, now, null, null), draft.id, "agent offline");
            return new Applied<>(current, List.of(handBack));
        }
        draft.tasks.put(task.id(), task);
        return draft.applied("TASK_HELD", false);
    }

    /** Figures and reliability follow every outcome the task lifecycle reports, even for a task already handed back. */
    private Decision<AgentState> release(Draft draft, ReleaseHeldTask command) {
        HeldTask held = draft.tasks.get(command.taskId());
        if (held != null && held.version() >= command.taskVersion()) {
            return new Unchanged<>(draft.current);
        }
        draft.tasks.remove(command.taskId());
        if (command.outcome() == TaskOutcome.COMPLETED) {
            draft.completed++;
            if (command.durationMs() != null) {
                draft.meanTimeToCompleteMs += (command.durationMs() - draft.meanTimeToCompleteMs) / draft.completed;
            }
            draft.learn(1.0, defaults.reliabilityWeight());
        } else if (command.outcome() == TaskOutcome.FAILED) {
            draft.failed++;
            draft.learn(0.0, defaults.reliabilityWeight());
        }
        return draft.applied(draft.removeIfDrained() ? "REMOVED" : "TASK_RELEASED", false);
    }

    private Decision<AgentState> expire(Draft draft, Expire command) {
        Agent agent = draft.current.agent();
        if (draft.expired || agent.heartbeatIntervalMs() <= 0 || agent.lastHeartbeat() == null
                || !command.meta().issuedAt().isAfter(deadline(agent))) {
            return new Unchanged<>(draft.current);
        }
        List<Object> handBack = new ArrayList<>();
        for (HeldTask task : draft.tasks.values()) {
            handBack.add(new ReleaseTask(new CommandMeta("release-" + agent.id() + "-" + task.id() + "-"
                    + task.version(), task.id(), ACTOR, draft.now, null, null), agent.id(), "agent offline"));
        }
        draft.expired = true;
        draft.tasks.clear();
        Decision.Applied<AgentState> applied = draft.applied("HEARTBEAT_EXPIRED", false);
        handBack.addAll(applied.messages());
        return new Applied<>(applied.state(), handBack);
    }

    private static Rejected<AgentState> invalid(AgentRules.Violation violation) {
        return new Rejected<>(RejectionReason.INVALID, violation.message(), violation.field());
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).toList();
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** A mutable copy of an agent while one change is computed. */
    private static final class Draft {
        final AgentState current;
        final Instant now;
        String id;
        String name;
        List<String> capabilities;
        int maxConcurrentTasks;
        double reliability;
        long heartbeatIntervalMs;
        Instant lastHeartbeat;
        long completed;
        long failed;
        long meanTimeToCompleteMs;
        boolean deregistering;
        long version;
        A2aEndpoint a2a;
        Map<String, HeldTask> tasks;
        AgentStatus operatorStatus;
        boolean selfOverloaded;
        boolean expired;
        boolean registered;
        boolean removed;
        List<String> reportedTasks;

        Draft(AgentState state, Instant now) {
            this.current = state;
            this.now = now;
            Agent agent = state.agent();
            id = agent.id();
            name = agent.name();
            capabilities = agent.capabilities();
            maxConcurrentTasks = agent.maxConcurrentTasks();
            reliability = agent.reliability();
            heartbeatIntervalMs = agent.heartbeatIntervalMs();
            lastHeartbeat = agent.lastHeartbeat();
            completed = agent.completed();
            failed = agent.failed();
            meanTimeToCompleteMs = agent.meanTimeToCompleteMs();
            deregistering = agent.deregistering();
            version = agent.version();
            a2a = agent.a2a();
            tasks = new LinkedHashMap<>(state.tasks());
            operatorStatus = state.operatorStatus();
            selfOverloaded = state.selfOverloaded();
            expired = state.expired();
            registered = state.registered();
            removed = state.removed();
            reportedTasks = state.reportedTasks();
        }

        /** A new agent (or one registering again after it was removed): defaults, no figures. */
        static Draft fresh(String id, AgentState previous, RegistryDefaults defaults, Instant now) {
            Draft draft = stub(id, defaults, now);
            if (previous != null) {
                draft.version = previous.version();
                if (!previous.removed()) {
                    draft.tasks.putAll(previous.tasks());
                }
            }
            return draft;
        }

        /** An agent known only because a task names it: it holds the task but is not registered. */
        static Draft stub(String id, RegistryDefaults defaults, Instant now) {
            Agent blank = new Agent(id, id, AgentStatus.OFFLINE, List.of(), List.of(), defaults.maxConcurrentTasks(),
                    defaults.reliability(), defaults.heartbeatInterval().toMillis(), null, 0, 0, 0, false, 0, null);
            return new Draft(new AgentState(blank, Map.of(), null, false, false, false, false, List.of()), now);
        }

        void beat() {
            lastHeartbeat = now;
            expired = false;
        }

        void learn(double outcome, double weight) {
            reliability = reliability * (1 - weight) + outcome * weight;
        }

        boolean removeIfDrained() {
            if (deregistering && tasks.isEmpty()) {
                removed = true;
            }
            return removed;
        }

        boolean sameAgentAs(AgentState state) {
            Agent agent = state.agent();
            return name.equals(agent.name()) && capabilities.equals(agent.capabilities())
                    && maxConcurrentTasks == agent.maxConcurrentTasks();
        }

        Decision.Applied<AgentState> applied(String change, boolean registeredNow) {
            AgentStatus before = current.agent().status();
            AgentState state = build();
            Agent agent = state.agent();
            List<Object> events = new ArrayList<>();
            if (state.visible() || current.visible()) {
                events.add(registeredNow ? new AgentRegistered(id, agent.version(), now, agent)
                        : new AgentUpdated(id, agent.version(), now, agent, change));
                if (agent.status() == AgentStatus.OVERLOADED && (before != AgentStatus.OVERLOADED || registeredNow)) {
                    events.add(new AgentOverload(id, agent.version(), now, agent));
                }
            }
            return new Applied<>(state, events);
        }

        private AgentState build() {
            List<String> held = tasks.keySet().stream().sorted().toList();
            AgentStatus status = AgentStatusRules.status(registered, removed, operatorStatus, expired,
                    selfOverloaded, held.size(), maxConcurrentTasks);
            Agent agent = new Agent(id, name, status, capabilities, held, maxConcurrentTasks, reliability,
                    heartbeatIntervalMs, lastHeartbeat, completed, failed, meanTimeToCompleteMs, deregistering,
                    version + 1, a2a);
            return new AgentState(agent, tasks, operatorStatus, selfOverloaded, expired, registered, removed,
                    reportedTasks);
        }
    }
}
