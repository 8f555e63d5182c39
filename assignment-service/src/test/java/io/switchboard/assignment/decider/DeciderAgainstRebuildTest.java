package io.switchboard.assignment.decider;

import io.switchboard.assignment.queue.AssignmentPlanner;
import io.switchboard.assignment.queue.AssignmentQueue;
import io.switchboard.assignment.queue.ConcurrencyCaps;
import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.Candidate;
import io.switchboard.assignment.selection.PendingTask;
import io.switchboard.events.MessageType;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.agent.AgentStatus;
import io.switchboard.events.command.AssignTask;
import io.switchboard.events.command.ReleaseTask;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskStatus;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.switchboard.assignment.decider.Tasks.ACK_TIMEOUT;
import static io.switchboard.assignment.decider.Tasks.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decider keeps its state from each change and its automatic queue in order ({@code WaitingQueue}); the decider
 * before it rebuilt everything from all tasks and sorted the whole queue in every round. Both are fed the same random
 * histories (tasks created, assigned by the decisions, started, completed, failed back to the queue with a retry
 * backoff, cancelled, not started in time; MANUAL tasks; fairness keys of different weights; aging; agents going
 * offline and back; concurrency keys at their caps) and must make the same decisions, round after round. The rebuild
 * is written here as it was.
 */
class DeciderAgainstRebuildTest {

    private static final Map<String, Integer> LIMITS = Map.of("ext", 2);
    private static final String[] CAPABILITIES = {"docs", "java", "ops"};
    private static final String[] FAIRNESS_KEYS = {null, "team-a", "team-b", "team-c"};

    @RepeatedTest(40)
    void bothMakeTheSameDecisions(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        Decider incremental = Tasks.decider(LIMITS);
        Rebuild rebuild = new Rebuild();
        World world = new World(random);
        Instant now = T0;
        for (int agent = 0; agent < 2 + random.nextInt(4); agent++) {
            AgentState state = Tasks.agent("a-" + agent, AgentStatus.ACTIVE, 1 + random.nextInt(3),
                    Math.round(random.nextDouble() * 100) / 100.0, 1, someCapabilities(random));
            world.agents.put(state.agent().id(), state);
            incremental.onAgent(state);
        }
        int decisions = 0;
        for (int step = 0; step < 250; step++) {
            for (Task task : world.changeSome(now)) {
                incremental.onTask(task);
            }
            for (AgentState agent : world.agentChanges()) {
                incremental.onAgent(agent);
            }
            Decider.Decisions made = incremental.round(List.of(), now, id -> null);
            List<String> expected = rebuild.round(world, now);
            assertThat(describe(made)).as("step %d", step).isEqualTo(inOrder(expected));
            if (random.nextInt(10) > 0) { // now and then a round is not committed: both forget it
                incremental.committed(made);
                rebuild.committed();
                world.apply(made);
            }
            decisions += made.messages().size();
            now = now.plusMillis(random.nextInt(12_000));
        }
        assertThat(decisions).as("the histories make decisions").isPositive();
    }

    private static String[] someCapabilities(Random random) {
        List<String> some = new ArrayList<>();
        for (String capability : CAPABILITIES) {
            if (random.nextInt(3) > 0) {
                some.add(capability);
            }
        }
        return some.toArray(String[]::new);
    }

    /** Assignments in the queue's order; take-backs (in no order that means anything) by task. */
    private static List<String> inOrder(List<String> described) {
        List<String> assigns = described.stream().filter(d -> d.startsWith("assign")).toList();
        List<String> releases = described.stream().filter(d -> d.startsWith("release")).sorted().toList();
        List<String> all = new ArrayList<>(assigns);
        all.addAll(releases);
        return all;
    }

    private static List<String> describe(Decider.Decisions decisions) {
        List<String> described = new ArrayList<>();
        for (Decider.Message message : decisions.messages()) {
            if (message.type() == MessageType.ASSIGN_TASK) {
                AssignTask assign = (AssignTask) message.payload();
                described.add("assign " + assign.meta().taskId() + "@" + assign.meta().expectedVersion() + " to "
                        + assign.agent().id());
            } else if (message.type() == MessageType.RELEASE_TASK) {
                ReleaseTask release = (ReleaseTask) message.payload();
                described.add("release " + release.meta().taskId() + "@" + release.meta().expectedVersion() + " from "
                        + release.agent());
            }
        }
        return inOrder(described);
    }

    /** Tasks and agents as task-service and the registry would have them, changed at random and by the decisions. */
    private static final class World {
        final Random random;
        final Map<String, Task> tasks = new LinkedHashMap<>();
        final Map<String, AgentState> agents = new LinkedHashMap<>();
        final List<Object> commands = new ArrayList<>();
        final List<AgentState> changedAgents = new ArrayList<>();
        int created;

        World(Random random) {
            this.random = random;
        }

        /** A few changes, at most one per task (the rebuild saw tasks only as they were at its rounds). */
        List<Task> changeSome(Instant now) {
            List<Task> changed = new ArrayList<>();
            Set<String> touched = new HashSet<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                Task task = Tasks.pending("T" + created++, Priority.values()[random.nextInt(4)],
                        random.nextInt(3) == 0 ? new String[] {CAPABILITIES[random.nextInt(3)]} : new String[0]);
                if (random.nextInt(4) == 0) {
                    task = Tasks.withConcurrencyKey(task, "ext");
                }
                Task.Builder at = task.toBuilder();
                at.createdAt = now.plusNanos(random.nextInt(1_000_000));
                at.fairnessKey = FAIRNESS_KEYS[random.nextInt(FAIRNESS_KEYS.length)];
                at.assignmentMode = random.nextInt(8) == 0 ? AssignmentMode.MANUAL : null;
                task = at.build();
                changed.add(put(task));
                touched.add(task.id());
            }
            List<Object> pendingCommands = new ArrayList<>(commands);
            commands.clear();
            for (Object command : pendingCommands) {
                String id = command instanceof AssignTask a ? a.meta().taskId() : ((ReleaseTask) command).meta().taskId();
                if (touched.contains(id) || random.nextInt(4) == 0) {
                    commands.add(command); // applied later
                    continue;
                }
                Task task = tasks.get(id);
                if (command instanceof AssignTask assign && task.status() == TaskStatus.PENDING
                        && task.version() == assign.meta().expectedVersion()) {
                    changed.add(put(Tasks.next(task, TaskStatus.ASSIGNED, assign.agent().id())));
                    touched.add(id);
                } else if (command instanceof ReleaseTask release && task.status() == TaskStatus.ASSIGNED
                        && task.version() == release.meta().expectedVersion()) {
                    changed.add(put(Tasks.next(task, TaskStatus.PENDING, null)));
                    touched.add(id);
                }
            }
            for (Task task : List.copyOf(tasks.values())) {
                if (touched.contains(task.id()) || task.status().isFinal() || random.nextInt(5) > 0) {
                    continue;
                }
                Task next = switch (task.status()) {
                    case ASSIGNED -> random.nextBoolean() ? null : Tasks.next(task, TaskStatus.IN_PROGRESS, task.agent());
                    case IN_PROGRESS -> switch (random.nextInt(3)) {
                        case 0 -> Tasks.next(task, TaskStatus.COMPLETED, task.agent());
                        case 1 -> backoff(Tasks.next(task, TaskStatus.PENDING, null), now); // failed, to retry
                        default -> null;
                    };
                    case PENDING -> random.nextInt(6) == 0 ? Tasks.next(task, TaskStatus.CANCELLED, null) : null;
                    default -> null;
                };
                if (next != null) {
                    changed.add(put(next));
                    touched.add(task.id());
                }
            }
            if (random.nextInt(8) == 0) {
                List<AgentState> all = List.copyOf(agents.values());
                AgentState agent = all.get(random.nextInt(all.size()));
                AgentStatus status = agent.agent().status() == AgentStatus.ACTIVE ? AgentStatus.OFFLINE
                        : AgentStatus.ACTIVE;
                AgentState next = Tasks.agent(agent.agent().id(), status, agent.agent().maxConcurrentTasks(),
                        agent.agent().reliability(), agent.version() + 1,
                        agent.agent().capabilities().toArray(String[]::new));
                agents.put(next.agent().id(), next);
                changedAgents.add(next);
            }
            return changed;
        }

        List<AgentState> agentChanges() {
            List<AgentState> changed = List.copyOf(changedAgents);
            changedAgents.clear();
            return changed;
        }

        /** A failed attempt waits up to half a minute before it is offered again. */
        private Task backoff(Task task, Instant now) {
            Task.Builder next = task.toBuilder();
            next.nextAttemptAt = now.plusMillis(random.nextInt(30_000));
            return next.build();
        }

        private Task put(Task task) {
            tasks.put(task.id(), task);
            return task;
        }

        void apply(Decider.Decisions decisions) {
            for (Decider.Message message : decisions.messages()) {
                if (message.payload() instanceof AssignTask || message.payload() instanceof ReleaseTask) {
                    commands.add(message.payload());
                }
            }
        }
    }

    /** The decider's round as it was: everything rebuilt from all tasks, in every round. */
    private static final class Rebuild {
        private final AssignmentQueue queue = Tasks.queue();
        private final AgentSelector selector = Tasks.selector();
        private final AssignmentPlanner planner = new AssignmentPlanner(selector);
        private final DeciderSettings settings = Tasks.settings(LIMITS);
        private final SlaDeadlines deadlines = Tasks.deadlines();
        private final Map<String, Reservation> reservations = new HashMap<>();
        private final Map<String, Set<String>> excluded = new HashMap<>();
        private final Map<String, String> lastHolder = new HashMap<>();
        private final Map<String, Long> released = new HashMap<>();
        private final Map<String, DeciderState.Seen> assignedSince = new HashMap<>();
        private final List<Reservation> made = new ArrayList<>();
        private final List<Runnable> takenBack = new ArrayList<>();

        List<String> round(World world, Instant now) {
            made.clear();
            takenBack.clear();
            Map<String, Task> byId = world.tasks;
            reservations.values().removeIf(r -> !byId.containsKey(r.taskId())
                    || byId.get(r.taskId()).version() > r.taskVersion());
            released.entrySet().removeIf(e -> !byId.containsKey(e.getKey())
                    || byId.get(e.getKey()).version() > e.getValue());
            for (Task task : byId.values()) {
                if (task.status().isOpen() && task.agent() != null) {
                    lastHolder.put(task.id(), task.agent());
                } else {
                    String previous = lastHolder.remove(task.id());
                    if (task.status() == TaskStatus.PENDING && previous != null) {
                        excluded.computeIfAbsent(task.id(), id -> new HashSet<>()).add(previous);
                    } else if (task.status().isFinal()) {
                        excluded.remove(task.id());
                    }
                }
            }
            ConcurrencyCaps caps = new ConcurrencyCaps(settings.concurrencyLimits());
            Map<String, Integer> load = new HashMap<>();
            Map<String, PendingTask> pending = new LinkedHashMap<>();
            for (Task task : byId.values()) {
                if (task.status().isOpen() && task.agent() != null) {
                    load.merge(task.agent(), 1, Integer::sum);
                    caps.count(task.concurrencyKey());
                } else if (task.status() == TaskStatus.PENDING && !reservations.containsKey(task.id())) {
                    pending.put(task.id(), Round.pendingTask(task, excluded.getOrDefault(task.id(), Set.of()),
                            deadlines));
                }
            }
            for (Reservation reservation : reservations.values()) {
                load.merge(reservation.agentId(), 1, Integer::sum);
                caps.count(reservation.concurrencyKey());
            }
            AgentPool pool = new AgentPool();
            for (AgentState state : world.agents.values()) {
                var agent = state.agent();
                pool.put(new Candidate(agent.id(), agent.name(), agent.status().acceptsWork(),
                        Round.lowerCase(agent.capabilities()), agent.maxConcurrentTasks(),
                        load.getOrDefault(agent.id(), 0), agent.reliability(), agent.deregistering()));
            }
            List<String> described = new ArrayList<>();
            List<PendingTask> automatic = pending.values().stream().filter(p -> {
                Task task = byId.get(p.id());
                return task.assignmentMode() != AssignmentMode.MANUAL
                        && (task.nextAttemptAt() == null || !now.isBefore(task.nextAttemptAt()));
            }).toList();
            for (AssignmentPlanner.Placement placement : planner.plan(queue.order(automatic, now), pool, caps,
                    settings.maxPerRound())) {
                PendingTask task = placement.task();
                described.add("assign " + task.id() + "@" + task.version() + " to " + placement.agentId());
                made.add(new Reservation(task.id(), task.version(), placement.agentId(), task.concurrencyKey()));
            }
            assignedSince.keySet().removeIf(id -> byId.get(id).status() != TaskStatus.ASSIGNED);
            for (Task task : byId.values()) {
                if (task.status() != TaskStatus.ASSIGNED || released.containsKey(task.id())) {
                    continue;
                }
                DeciderState.Seen seen = assignedSince.get(task.id());
                if (seen == null || seen.version() != task.version()) {
                    assignedSince.put(task.id(), new DeciderState.Seen(task.version(), now));
                    continue;
                }
                if (now.isBefore(seen.at().plus(ACK_TIMEOUT))) {
                    continue;
                }
                described.add("release " + task.id() + "@" + task.version() + " from " + task.agent());
                takenBack.add(() -> {
                    released.put(task.id(), task.version());
                    excluded.computeIfAbsent(task.id(), id -> new HashSet<>()).add(task.agent());
                });
            }
            return described;
        }

        void committed() {
            made.forEach(reservation -> reservations.put(reservation.taskId(), reservation));
            takenBack.forEach(Runnable::run);
        }
    }
}
