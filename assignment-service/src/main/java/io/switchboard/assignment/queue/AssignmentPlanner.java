package io.switchboard.assignment.queue;

import io.switchboard.assignment.selection.AgentPool;
import io.switchboard.assignment.selection.AgentSelector;
import io.switchboard.assignment.selection.AgentSelector.Selection;
import io.switchboard.assignment.selection.PendingTask;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One round of assignment: walks the queue in order and gives each task the best eligible agent that still has
 * room, counting every placement against the agent's capacity and the task's concurrency key at once. A task with
 * no eligible agent, or over its key's cap, is skipped (it stays in the queue) without holding up the ones after it.
 */
public final class AssignmentPlanner {

    /** A task and the agent chosen for it, with the ranking that explains the choice. */
    public record Placement(PendingTask task, Selection selection) {
        public String agentId() {
            return selection.chosen().id();
        }
    }

    private final AgentSelector selector;

    public AssignmentPlanner(AgentSelector selector) {
        this.selector = selector;
    }

    public List<Placement> plan(List<PendingTask> ordered, AgentPool pool, ConcurrencyCaps caps, int maxPlacements) {
        return plan(ordered.iterator(), pool, caps, maxPlacements);
    }

    /**
     * The same, reading the queue only as far as it needs: up to {@code maxPlacements} placements, or until no agent
     * has room left (no task after that could be placed).
     */
    public List<Placement> plan(Iterator<PendingTask> ordered, AgentPool pool, ConcurrencyCaps caps,
                                int maxPlacements) {
        List<Placement> placements = new ArrayList<>();
        while (ordered.hasNext() && placements.size() < maxPlacements && pool.hasRoom()) {
            PendingTask task = ordered.next();
            Selection selection = selector.select(task, pool);
            if (!selection.found() || !caps.tryTake(task.concurrencyKey())) {
                continue;
            }
            pool.addLoad(selection.chosen().id(), 1);
            placements.add(new Placement(task, selection));
        }
        return placements;
    }
}
