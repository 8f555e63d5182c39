package io.switchboard.assignment.selection;

/**
 * How good an eligible agent is for a task; higher is better. The plug-in point for a deployment's own choice (a
 * model that recommends agents, say): declare a Spring bean of this type and it replaces the default.
 */
public interface AgentScorer {

    double score(PendingTask task, Candidate agent);
}
