package io.switchboard.assignment.capacity;

import io.switchboard.assignment.selection.AgentAvailability;
import io.switchboard.events.agent.Agent;
import io.switchboard.events.agent.AgentState;
import io.switchboard.events.task.Task;
import io.switchboard.events.task.TaskState;
import io.switchboard.events.task.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The backlog and the room for it, per capability: what an autoscaler (KEDA, say) scales an agent fleet on. For each
 * capability that a task requires or an agent has: pending tasks that require it, the age of the oldest, tasks
 * assigned but not started, tasks in progress, agents with it that take work, and their free slots (limit minus the open tasks they
 * hold, counted from the tasks as the decider counts them). A task that requires two capabilities counts for both.
 * Pending tasks are also split by fairness key, where a task has one. Capabilities compare case-insensitively, as
 * the decider matches them, and are reported in lower case. Pure: tasks, agents and the time in.
 */
public final class Capacity {

    private Capacity() {
    }

    /** One capability's figures. {@code oldestPending} is zero when nothing is pending. */
    public record Line(String capability, int pending, Duration oldestPending, int assignedNotStarted, int inProgress,
                       int agents, int freeSlots, List<FairnessLine> byFairnessKey) {
    }

    /** The pending part of a capability's backlog that carries one fairness key. */
    public record FairnessLine(String fairnessKey, int pending, Duration oldestPending) {
    }

    public static List<Line> of(Collection<TaskState> tasks, Collection<AgentState> agents, Instant now) {
        Map<String, Tally> byCapability = new TreeMap<>();
        Map<String, Integer> held = new HashMap<>();
        for (TaskState state : tasks) {
            Task task = state.task();
            if (task.status().isOpen() && task.agent() != null) {
                held.merge(task.agent(), 1, Integer::sum);
            }
            if (task.status().isFinal()) {
                continue;
            }
            for (String capability : task.requiredCapabilities()) {
                Tally tally = byCapability.computeIfAbsent(normal(capability), c -> new Tally());
                switch (task.status()) {
                    case PENDING -> tally.pending(task, now);
                    case ASSIGNED -> tally.assignedNotStarted++;
                    default -> tally.inProgress++;
                }
            }
        }
        for (AgentState state : agents) {
            Agent agent = state.agent();
            boolean takesWork = state.visible() && !agent.deregistering() && AgentAvailability.acceptsWork(state);
            int free = Math.max(0, agent.maxConcurrentTasks() - held.getOrDefault(agent.id(), 0));
            for (String capability : agent.capabilities()) {
                Tally tally = byCapability.computeIfAbsent(normal(capability), c -> new Tally());
                if (takesWork) {
                    tally.agents++;
                    tally.freeSlots += free;
                }
            }
        }
        List<Line> lines = new ArrayList<>();
        byCapability.forEach((capability, tally) -> lines.add(tally.line(capability)));
        return lines;
    }

    private static String normal(String capability) {
        return capability.toLowerCase(Locale.ROOT);
    }

    private static final class Tally {
        int pending;
        Duration oldest = Duration.ZERO;
        int assignedNotStarted;
        int inProgress;
        int agents;
        int freeSlots;
        final Map<String, FairnessTally> byKey = new TreeMap<>();

        void pending(Task task, Instant now) {
            pending++;
            Duration age = task.createdAt() == null ? Duration.ZERO : Duration.between(task.createdAt(), now);
            oldest = age.compareTo(oldest) > 0 ? age : oldest;
            if (task.fairnessKey() != null) {
                FairnessTally key = byKey.computeIfAbsent(task.fairnessKey(), k -> new FairnessTally());
                key.pending++;
                key.oldest = age.compareTo(key.oldest) > 0 ? age : key.oldest;
            }
        }

        Line line(String capability) {
            List<FairnessLine> keys = new ArrayList<>();
            byKey.forEach((key, tally) -> keys.add(new FairnessLine(key, tally.pending, tally.oldest)));
            return new Line(capability, pending, oldest, assignedNotStarted, inProgress, agents, freeSlots,
                    List.copyOf(keys));
        }
    }

    private static final class FairnessTally {
        int pending;
        Duration oldest = Duration.ZERO;
    }
}
