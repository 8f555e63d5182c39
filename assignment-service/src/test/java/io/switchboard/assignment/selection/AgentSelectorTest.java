package io.switchboard.assignment.selection;

import io.switchboard.events.task.Priority;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AgentSelectorTest {

    static final Instant T0 = Instant.parse("2026-01-12T09:00:00Z");
    private final AgentSelector selector = new AgentSelector(new DefaultAgentScorer(new ScoringWeights(1, 1, 0.5)));

    static Candidate agent(String id, int max, int load, double reliability, String... capabilities) {
        return new Candidate(id, id, true, Set.of(capabilities), max, load, reliability, false);
    }

    static PendingTask task(String id, Set<String> required, Set<String> preferred, Set<String> excluded) {
        return new PendingTask(id, 1, Priority.P2, T0, null, null, null, required, preferred, excluded);
    }

    static AgentPool pool(Candidate... agents) {
        AgentPool pool = new AgentPool();
        for (Candidate agent : agents) {
            pool.put(agent);
        }
        return pool;
    }

    @Test
    void onlyAgentsWithEveryRequiredCapabilityAreEligible() {
        AgentPool pool = pool(agent("a", 3, 0, 0.99, "frontend"), agent("b", 3, 0, 0.5, "frontend", "react"));
        assertThat(selector.select(task("t", Set.of("frontend", "react"), Set.of(), Set.of()), pool).chosen().id())
                .isEqualTo("b");
        assertThat(selector.select(task("t", Set.of("devcontainer"), Set.of(), Set.of()), pool).found()).isFalse();
    }

    @Test
    void agentsThatAreFullOfflineOrDrainingAreNot() {
        Candidate full = agent("full", 1, 1, 0.99, "x");
        Candidate offline = new Candidate("offline", "o", false, Set.of("x"), 3, 0, 0.99, false);
        Candidate draining = new Candidate("draining", "d", true, Set.of("x"), 3, 0, 0.99, true);
        PendingTask task = task("t", Set.of("x"), Set.of(), Set.of());
        assertThat(selector.select(task, pool(full, offline, draining)).found()).isFalse();
        assertThat(selector.ineligibility(task, full)).contains(AgentSelector.Rule.NO_CAPACITY);
        assertThat(selector.ineligibility(task, offline)).contains(AgentSelector.Rule.NOT_ACCEPTING_WORK);
        assertThat(selector.ineligibility(task, draining)).contains(AgentSelector.Rule.DEREGISTERING);
        assertThat(selector.ineligibility(task, agent("y", 1, 0, 1, "y")))
                .contains(AgentSelector.Rule.MISSING_CAPABILITY);
    }

    @Test
    void preferredCapabilitiesReliabilityAndFreeCapacityScore() {
        AgentPool pool = pool(agent("plain", 2, 0, 0.9, "x"), agent("preferred", 2, 0, 0.9, "x", "docs"));
        assertThat(selector.select(task("t", Set.of("x"), Set.of("docs"), Set.of()), pool).chosen().id())
                .isEqualTo("preferred");
        pool = pool(agent("reliable", 2, 0, 0.99, "x"), agent("flaky", 2, 0, 0.5, "x"));
        assertThat(selector.select(task("t", Set.of("x"), Set.of(), Set.of()), pool).chosen().id())
                .isEqualTo("reliable");
        pool = pool(agent("busy", 4, 3, 0.9, "x"), agent("free", 4, 0, 0.9, "x"));
        assertThat(selector.select(task("t", Set.of("x"), Set.of(), Set.of()), pool).chosen().id()).isEqualTo("free");
    }

    @Test
    void tiesAreBrokenByLoadThenId() {
        AgentPool pool = pool(agent("b", 2, 0, 0.9, "x"), agent("a", 2, 0, 0.9, "x"), agent("c", 2, 0, 0.9, "x"));
        AgentSelector.Selection selection = selector.select(task("t", Set.of("x"), Set.of(), Set.of()), pool);
        assertThat(selection.chosen().id()).isEqualTo("a");
        assertThat(selection.ranking()).extracting(AgentSelector.Scored::agentId).containsExactly("a", "b", "c");
    }

    @Test
    void anAgentThatJustFailedTheTaskIsAvoidedWhileAnotherIsEligible() {
        PendingTask retry = task("t", Set.of("x"), Set.of(), Set.of("star"));
        assertThat(selector.select(retry, pool(agent("star", 5, 0, 0.99, "x"), agent("other", 5, 4, 0.6, "x")))
                .chosen().id()).isEqualTo("other");
        assertThat(selector.select(retry, pool(agent("star", 5, 0, 0.99, "x"))).chosen().id()).isEqualTo("star");
    }

    @Test
    void theRankingExplainsAtMostFiveCandidates() {
        AgentPool pool = new AgentPool();
        for (int i = 0; i < 20; i++) {
            pool.put(agent("agent-" + i, 2, 0, i / 20.0, "x"));
        }
        AgentSelector.Selection selection = selector.select(task("t", Set.of("x"), Set.of(), Set.of()), pool);
        assertThat(selection.chosen().id()).isEqualTo("agent-19");
        assertThat(selection.ranking()).hasSize(5).extracting(AgentSelector.Scored::agentId)
                .containsExactly("agent-19", "agent-18", "agent-17", "agent-16", "agent-15");
    }

    @Test
    void theCapabilityIndexFollowsChangesOfAnAgent() {
        AgentPool pool = pool(agent("a", 2, 0, 0.9, "x"));
        pool.put(agent("a", 2, 0, 0.9, "y"));
        assertThat(pool.withCapabilities(Set.of("x"))).isEmpty();
        assertThat(pool.withCapabilities(Set.of("y"))).extracting(Candidate::id).containsExactly("a");
        pool.remove("a");
        assertThat(pool.withCapabilities(Set.of("y"))).isEmpty();
    }
}
