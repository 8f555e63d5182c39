package io.switchboard.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationOptionsTest {

    @Test
    void rateZeroRunsAgentsOnlyAndANegativeRateIsRefused() {
        SimulationOptions agentsOnly = SimulationOptions.parse(new String[] {"--rate", "0", "--agents", "2",
                "--capabilities", "testing", "--run-id", "pod-7"});
        assertThat(agentsOnly.rate()).isZero();
        assertThat(agentsOnly.agentId(1)).isEqualTo("sim-pod-7-agent-1");
        assertThatThrownBy(() -> SimulationOptions.parse(new String[] {"--rate", "-1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate not negative");
    }
}
