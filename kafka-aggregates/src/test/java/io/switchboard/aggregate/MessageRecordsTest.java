package io.switchboard.aggregate;

import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.agent.TaskHolding;
import io.switchboard.events.serde.MessageCodec;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The records the runtime writes: a state's version travels in a header, and nothing too large is built. */
class MessageRecordsTest {

    private final MessageRecords records = new MessageRecords(new MessageCodec("/test"), new Topics("t-"));

    @Test
    void aStateRecordNamesItsVersionAndOtherRecordsNone() {
        TaskHolding task = new TaskHolding("T-1", "agent-1", 7);
        var state = records.state(MessageType.TASK_HOLDING, "T-1", task, 7, Instant.EPOCH);
        assertThat(MessageRecords.stateVersion(state.headers())).isEqualTo(7);
        assertThat(state.topic()).isEqualTo("t-agent.task-holdings");
        assertThat(MessageRecords.stateVersion(records.of(MessageType.TASK_HOLDING, "T-1", task, Instant.EPOCH)
                .headers())).isEqualTo(-1);
        RecordHeaders garbled = new RecordHeaders();
        garbled.add(MessageRecords.STATE_VERSION_HEADER, "seven".getBytes(StandardCharsets.UTF_8));
        assertThat(MessageRecords.stateVersion(garbled)).as("read by decoding, as without one").isEqualTo(-1);
    }

    @Test
    void aRecordTooLargeToWriteIsRefusedBeforeItIsBuilt() {
        TaskHolding huge = new TaskHolding("T-2", "n".repeat(MessageRecords.MAX_RECORD_BYTES), 1);
        assertThatThrownBy(() -> records.of(MessageType.TASK_HOLDING, "T-2", huge, Instant.EPOCH))
                .hasMessageContaining("more than " + MessageRecords.MAX_RECORD_BYTES);
    }
}
