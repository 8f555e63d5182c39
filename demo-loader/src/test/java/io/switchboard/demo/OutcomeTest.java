package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void createdAndUnchanged() {
        assertThat(Outcome.of(201, "{\"success\":true}")).isEqualTo(Outcome.CREATED);
        assertThat(Outcome.of(200, "{\"success\":true}")).isEqualTo(Outcome.UNCHANGED);
        assertThat(Outcome.of(204, "")).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void conflictOnTheIdMeansAlreadyLoaded() {
        assertThat(Outcome.of(409, """
                {"error":"Task TASK-001 already exists with different content","field":"id","taskId":"TASK-001"}"""))
                .isEqualTo(Outcome.ALREADY_EXISTS);
        assertThat(Outcome.of(409, "{\"error\":\"Agent already exists\"}")).isEqualTo(Outcome.ALREADY_EXISTS);
        assertThat(Outcome.of(409, "task already exists")).isEqualTo(Outcome.ALREADY_EXISTS);
    }

    @Test
    void otherConflictsAndStatusesAreFailures() {
        assertThat(Outcome.of(409, "{\"error\":\"agent is busy\",\"field\":\"agent\"}")).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.of(409, "")).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.of(400, "{\"error\":\"already exists\"}")).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.of(404, "")).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.of(500, "oops")).isEqualTo(Outcome.FAILED);
    }
}
