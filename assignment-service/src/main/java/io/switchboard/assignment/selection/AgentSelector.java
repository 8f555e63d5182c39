package io.switchboard.assignment.selection;

import java.util.ArrayList;
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

    private final AgentScorer scorer;
    private final DefaultAgentScorer inline;

    public AgentSelector(AgentScorer scorer) {
        this.scorer = scorer;
        this.inline = scorer instanceof DefaultAgentScorer known ? known : null;
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
        int[] required = pool.capabilityIds(task.required());
        if (required == null) {
            return new Selection(null, List.of());
        }
        Best best = new Best(pool);
        int[] preferred = pool.knownCapabilityIds(task.preferred());
        int preferredCount = task.preferred().size();
        boolean exclusions = !task.excluded().isEmpty();
        pool.forEachEligible(required, slot -> {
            int load = pool.load(slot);
            int max = pool.max(slot);
            double score;
            if (inline != null) {
                double preferredShare = preferredCount == 0 ? 0 : (double) pool.matching(slot, preferred) / preferredCount;
                score = inline.score(preferredShare, pool.reliability(slot), (double) (max - load) / max);
            } else {
                score = scorer.score(task, pool.candidate(slot));
            }
            best.offer(slot, score, load, exclusions && task.excluded().contains(pool.id(slot)));
        });
        return best.selection();
    }

    /** The best few eligible agents so far, best first, in arrays: most offers are rejected by one comparison. */
    private static final class Best {
        private final AgentPool pool;
        private final int[] slots = new int[EXPLAINED];
        private final double[] scores = new double[EXPLAINED];
        private final int[] loads = new int[EXPLAINED];
        private final boolean[] excluded = new boolean[EXPLAINED];
        private int size;

        Best(AgentPool pool) {
            this.pool = pool;
        }

        void offer(int slot, double score, int load, boolean isExcluded) {
            if (size == EXPLAINED && !better(slot, score, load, isExcluded, EXPLAINED - 1)) {
                return;
            }
            int at = Math.min(size, EXPLAINED - 1);
            while (at > 0 && better(slot, score, load, isExcluded, at - 1)) {
                slots[at] = slots[at - 1];
                scores[at] = scores[at - 1];
                loads[at] = loads[at - 1];
                excluded[at] = excluded[at - 1];
                at--;
            }
            slots[at] = slot;
            scores[at] = score;
            loads[at] = load;
            excluded[at] = isExcluded;
            size = Math.min(size + 1, EXPLAINED);
        }

        /** Whether the offered agent ranks before the one at {@code index}. */
        private boolean better(int slot, double score, int load, boolean isExcluded, int index) {
            if (isExcluded != excluded[index]) {
                return !isExcluded;
            }
            if (score != scores[index]) {
                return score > scores[index];
            }
            if (load != loads[index]) {
                return load < loads[index];
            }
            return pool.id(slot).compareTo(pool.id(slots[index])) < 0;
        }

        Selection selection() {
            if (size == 0) {
                return new Selection(null, List.of());
            }
            List<Scored> ranking = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                ranking.add(new Scored(pool.id(slots[i]), scores[i], loads[i], excluded[i]));
            }
            return new Selection(pool.candidate(slots[0]), List.copyOf(ranking));
        }
    }
}
