package io.switchboard.assignment.selection;

/** Preferred (soft) capabilities, reliability and free capacity, weighted by {@link ScoringWeights}. */
public final class DefaultAgentScorer implements AgentScorer {

    private final ScoringWeights weights;

    public DefaultAgentScorer(ScoringWeights weights) {
        this.weights = weights;
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
