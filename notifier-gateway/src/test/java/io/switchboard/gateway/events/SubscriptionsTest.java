package io.switchboard.gateway.events;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionsTest {

    @Test
    void readsTheQueryAsBrowsersEncodeIt() {
        URI uri = URI.create("ws://localhost/ws?events=task%3Aassigned%2Ctask%3Afailed&lastEventId=task.updated%3A4%3A20");
        assertThat(Subscriptions.lastEventId(uri)).isEqualTo("task.updated:4:20");
        FrameFilter filter = Subscriptions.fromQuery(uri);
        assertThat(filter.accepts(Frame.of("task:assigned", Map.of(), Instant.EPOCH, "x")))
                .isTrue();
        assertThat(filter.accepts(Frame.of("task:created", Map.of(), Instant.EPOCH, "x")))
                .isFalse();
    }

    @Test
    void whatItCannotReadItIgnores() {
        FrameFilter broken = Subscriptions.fromQuery(URI.create("ws://localhost/ws?events&taskId&priority="));
        assertThat(broken.accepts(Frame.of("task:created", Map.of(), Instant.EPOCH, "x"))).isTrue();
        assertThat(Subscriptions.lastEventId(URI.create("ws://localhost/ws?lastEventId"))).isNull();
    }
}
