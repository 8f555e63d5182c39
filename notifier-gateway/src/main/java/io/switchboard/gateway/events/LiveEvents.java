package io.switchboard.gateway.events;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.Map;

/**
 * A client's stream of live events: the hub's frames through its filter, with a bounded buffer of its own. A
 * client that falls further behind than the buffer is told so in a last frame ({@code lagged}) and disconnected:
 * it should reconnect and reload, instead of slowing anyone else or reading stale events for ever.
 */
public final class LiveEvents {

    /** Frames taken at a time from a client's buffer onto its worker. */
    private static final int HANDOFF = 32;

    private final EventHub hub;
    private final int buffer;

    public LiveEvents(EventHub hub, int buffer) {
        this.hub = hub;
        this.buffer = buffer;
    }

    public Flux<Frame> stream(FrameFilter filter) {
        return stream(filter, null);
    }

    /** As {@link #stream(FrameFilter)}, starting after {@code lastEventId} (replayed from Kafka) when given. */
    public Flux<Frame> stream(FrameFilter filter, String lastEventId) {
        return hub.framesAfter(lastEventId).filter(frame -> filter.accepts(frame) && frame.readable())
                .onBackpressureBuffer(buffer)
                // From here on a client's work (its writes) runs on a worker, not on the hub's one reader thread.
                .publishOn(Schedulers.parallel(), HANDOFF)
                .onErrorResume(error -> Flux.just(Frame.of("lagged", Map.of("error",
                        "This client fell more than " + buffer + " events behind and was disconnected; reconnect and "
                                + "reload"), Instant.now(), null)));
    }
}
