package io.switchboard.assignment.selection;

/** Preferred (soft) capabilities, reliability and free capacity, weighted by {@link ScoringWeights}. */
public final class DefaultAgentScorer implements AgentScorer {

    private final ScoringWeights weights;

    public DefaultAgentScorer(ScoringWeights weights) {
        this.weights = weights;
    }

    /** The score from its three parts; the selector's inner loop calls this without building a {@link Candidate}. */
    double score(double preferredShare, double reliability, double freeShare) {
        return weights.preferred() * preferredShare + weights.reliability() * reliability
                + weights.freeCapacity() * freeShare;
    }

    @Override
    public double score(PendingTask task, Candidate agent) {
        double preferred = 0;
        if (!task.preferred().isEmpty()) {
            int matched = 0;
            for (String capability : task.preferred()) {
                if (agent.capabilities().contains(capability)) {
                    matched++;
                }
            }
            preferred = (double) matched / task.preferred().size();
        }
        double free = agent.maxConcurrentTasks() == 0 ? 0 : (double) agent.free() / agent.maxConcurrentTasks();
        return weights.preferred() * preferred + weights.reliability() * agent.reliability()
                + weights.freeCapacity() * free;
    }
}
