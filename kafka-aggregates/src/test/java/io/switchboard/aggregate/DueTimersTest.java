package io.switchboard.aggregate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DueTimersTest {

    @Test
    void aBoundedPollTakesTheEarliestAndLeavesTheRestDue() {
        DueTimers timers = new DueTimers();
        for (int i = 0; i < 5; i++) {
            timers.schedule("t" + i, 100L + i);
        }
        timers.schedule("later", 1_000L);
        assertThat(timers.pollDue(500, id -> true, 2)).containsExactly("t0", "t1");
        assertThat(timers.pollDue(500, id -> true, 2)).containsExactly("t2", "t3");
        assertThat(timers.pollDue(500, id -> true)).containsExactly("t4");
        assertThat(timers.pending()).isEqualTo(1);
    }
}
