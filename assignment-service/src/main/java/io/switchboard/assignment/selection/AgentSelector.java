package io.switchboard.assignment.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the agent for a task. Eligible: accepts work (ACTIVE or IDLE), not deregistering, load below its limit,
 * every required capability (case-insensitive). Among the eligible, an agent that just failed or timed out on the
 * task is avoided while another exists; then the highest score wins, then the lower load, then the smaller id, so
 * that the same state always gives the same choice.
 */
public final class AgentSelector {

    /** Why an agent cannot take a task. */
    public enum Rule {
        NOT_ACCEPTING_WORK, DEREGISTERING, NO_CAPACITY, MISSING_CAPABILITY
    }

    /** An eligible agent and its score; {@code excluded} when it just failed on the task. */
    public record Scored(String agentId, double score, int load, boolean excluded) {
    }

    /** The choice (null when no agent is eligible) and the best candidates, best first, which explain it. */
    public record Selection(Candidate chosen, List<Scored> ranking) {
        public boolean found() {
            return chosen != null;
        }
    }

    static final int EXPLAINED = 5;
    private static final Comparator<Scored> BEST_FIRST = Comparator.comparing(Scored::excluded)
            .thenComparing(Comparator.comparingDouble(Scored::score).reversed())
            .thenComparingInt(Scored::load)
            .thenComparing(Scored::agentId);

    private final AgentScorer scorer;

    public AgentSelector(AgentScorer scorer) {
        this.scorer = scorer;
    }

    public Optional<Rule> ineligibility(PendingTask task, Candidate agent) {
        if (!agent.acceptsWork()) {
            return Optional.of(Rule.NOT_ACCEPTING_WORK);
        }
        if (agent.deregistering()) {
            return Optional.of(Rule.DEREGISTERING);
        }
        if (agent.load() >= agent.maxConcurrentTasks()) {
            return Optional.of(Rule.NO_CAPACITY);
        }
        if (!agent.capabilities().containsAll(task.required())) {
            return Optional.of(Rule.MISSING_CAPABILITY);
        }
        return Optional.empty();
    }

    public Selection select(PendingTask task, AgentPool pool) {
        List<Scored> best = new ArrayList<>(EXPLAINED + 1);
        Candidate chosen = null;
        for (Candidate agent : pool.withCapabilities(task.required())) {
            if (!agent.acceptsWork() || agent.deregistering() || agent.load() >= agent.maxConcurrentTasks()) {
                continue;
            }
            Scored scored = new Scored(agent.id(), scorer.score(task, agent), agent.load(),
                    task.excluded().contains(agent.id()));
            if (best.size() < EXPLAINED || BEST_FIRST.compare(scored, best.get(best.size() - 1)) < 0) {
                int at = 0;
                while (at < best.size() && BEST_FIRST.compare(best.get(at), scored) <= 0) {
                    at++;
                }
                best.add(at, scored);
                if (best.size() > EXPLAINED) {
                    best.remove(best.size() - 1);
                }
                if (at == 0) {
                    chosen = agent;
                }
            }
        }
        return new Selection(chosen, List.copyOf(best));
    }
}
