package io.switchboard.gateway.events;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/events}: the live events as Server-Sent Events, for curl and scripts; the same frames and filters
 * as the WebSocket. A client that reconnects with {@code Last-Event-ID} (or {@code lastEventId}) gets what it missed
 * first. A comment every 15 seconds keeps idle connections open through proxies.
 */
@RestController
class LiveEventsController {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final LiveEvents live;

    LiveEventsController(LiveEvents live) {
        this.live = live;
    }

    @GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> events(@RequestParam(required = false) List<String> events,
                                         @RequestParam(required = false) String taskId,
                                         @RequestParam(required = false) String agentId,
                                         @RequestParam(required = false) String priority,
                                         @RequestParam(required = false) String lastEventId,
                                         @RequestHeader(name = "Last-Event-ID", required = false) String lastSeen) {
        FrameFilter filter = Subscriptions.of(events == null ? List.of() : events, taskId, agentId, priority);
        Flux<ServerSentEvent<String>> frames = live.stream(filter, lastSeen != null ? lastSeen : lastEventId)
                .map(frame -> ServerSentEvent.builder(frame.json()).event(frame.event()).id(frame.id()).build());
        Flux<ServerSentEvent<String>> keepAlive = Flux.interval(KEEP_ALIVE)
                .map(tick -> ServerSentEvent.<String>builder().comment("keep-alive").build());
        return Flux.merge(frames, keepAlive);
    }
}
