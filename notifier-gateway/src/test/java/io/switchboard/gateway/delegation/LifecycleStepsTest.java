package io.switchboard.gateway.delegation;

import io.switchboard.gateway.delegation.LifecycleSteps.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleStepsTest {

    @Test
    void workOnATaskStartsItOnce() {
        assertThat(LifecycleSteps.toFollow("working", "ASSIGNED")).containsExactly(Step.START);
        assertThat(LifecycleSteps.toFollow("input-required", "ASSIGNED")).containsExactly(Step.START);
        assertThat(LifecycleSteps.toFollow("auth-required", "ASSIGNED")).containsExactly(Step.START);
        assertThat(LifecycleSteps.toFollow("working", "IN_PROGRESS")).isEmpty();
        assertThat(LifecycleSteps.toFollow("submitted", "ASSIGNED")).isEmpty();
    }

    @Test
    void anEndAtTheAgentEndsTheTaskFromWhereItIs() {
        assertThat(LifecycleSteps.toFollow("completed", "ASSIGNED")).containsExactly(Step.START, Step.COMPLETE);
        assertThat(LifecycleSteps.toFollow("completed", "IN_PROGRESS")).containsExactly(Step.COMPLETE);
        assertThat(LifecycleSteps.toFollow("failed", "IN_PROGRESS")).containsExactly(Step.FAIL);
        assertThat(LifecycleSteps.toFollow("rejected", "ASSIGNED")).containsExactly(Step.FAIL);
        assertThat(LifecycleSteps.toFollow("canceled", "IN_PROGRESS")).containsExactly(Step.CANCEL);
    }

    @Test
    void aTaskThatEndedOrLeftTheAgentGetsNothing() {
        for (String status : new String[] {"PENDING", "COMPLETED", "FAILED", "CANCELLED"}) {
            assertThat(LifecycleSteps.toFollow("completed", status)).as(status).isEmpty();
            assertThat(LifecycleSteps.toFollow("working", status)).as(status).isEmpty();
        }
        assertThat(LifecycleSteps.toFollow("unknown", "ASSIGNED")).isEmpty();
    }
}
