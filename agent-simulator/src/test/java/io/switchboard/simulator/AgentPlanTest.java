package io.switchboard.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentPlanTest {

    @Test
    void everyCapabilityHasAnAgentAndTheSameSeedGivesTheSamePlan() {
        SimulationOptions options = SimulationOptions.parse(new String[] {"--agents", "3", "--capabilities",
                "a,b,c,d,e", "--seed", "7", "--run-id", "r1"});
        AgentPlan plan = new AgentPlan(options);
        Set<String> covered = new HashSet<>();
        plan.agents().forEach(agent -> covered.addAll(agent.capabilities()));
        assertThat(covered).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(plan.agents()).extracting(AgentPlan.Agent::id)
                .containsExactly("sim-r1-agent-0", "sim-r1-agent-1", "sim-r1-agent-2");
        assertThat(new AgentPlan(options).agents()).isEqualTo(plan.agents());
    }

    @Test
    void attemptsFailAtTheRateAndWorkWithinTheRange() {
        AgentPlan plan = new AgentPlan(SimulationOptions.parse(new String[] {"--fail-rate", "0.25",
                "--work", "100-300"}));
        int fails = 0;
        for (int i = 0; i < 4000; i++) {
            AgentPlan.Attempt attempt = plan.nextAttempt();
            assertThat(attempt.work()).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
            fails += attempt.fails() ? 1 : 0;
        }
        assertThat(fails).isBetween(850, 1150);
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertThatThrownBy(() -> SimulationOptions.parse(new String[] {"--agents"})).hasMessageContaining("--agents");
        assertThatThrownBy(() -> SimulationOptions.parse(new String[] {"--speed", "9"}))
                .hasMessageContaining("--speed");
        assertThatThrownBy(() -> SimulationOptions.parse(new String[] {"--fail-rate", "2"}))
                .hasMessageContaining("fail-rate");
    }

    @Test
    void framesBecomeEventsAndOnlyAFailureWithoutRetryEndsATask() {
        JsonMapper json = JsonMapper.shared();
        assertThat(TaskEvents.parse(json.readTree("{\"event\":\"task:assigned\",\"data\":{\"task\":{\"id\":\"T\"},"
                + "\"agent\":{\"id\":\"a\"}}}"))).isEqualTo(new TaskEvents.Event("task:assigned", "T", "a", false));
        assertThat(TaskEvents.parse(json.readTree("{\"event\":\"task:failed\",\"data\":{\"task\":{\"id\":\"T\"},"
                + "\"willRetry\":true}}")).finalState()).isFalse();
        assertThat(TaskEvents.parse(json.readTree("{\"event\":\"task:failed\",\"data\":{\"task\":{\"id\":\"T\"},"
                + "\"willRetry\":false}}")).finalState()).isTrue();
        assertThat(TaskEvents.parse(json.readTree("{\"event\":\"lagged\",\"data\":{}}"))).isNull();
    }
}
