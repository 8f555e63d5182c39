package io.switchboard.gateway.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(operationId = "streamEvents", summary = "Stream the live events as Server-Sent Events",
            description = "The same frames and filters as the WebSocket at /ws: each event's name (task:assigned, "
                    + "task:updated, ...) is the SSE event, its place in Kafka the SSE id, and the data the JSON frame "
                    + "{event, data, time, id}. A client that reconnects with Last-Event-ID (or lastEventId) gets what "
                    + "it missed first. A comment every 15 seconds keeps idle connections open; a client that falls "
                    + "too far behind gets a last lagged event and is disconnected. The events themselves are "
                    + "described in /asyncapi.yaml.")
    @ApiResponse(responseCode = "200", description = "The event stream, open until the client leaves",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(type = "string", description = "Server-Sent Events: event, id and data lines "
                            + "per frame, the data a JSON object {event, data, time, id}")))
    @GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> events(
            @Parameter(description = "Only these events, by name (task:created, task:assigned, task:updated, "
                    + "task:completed, task:failed, task:cancelled, task:sla-warning, task:sla-violation, "
                    + "agent:registered, agent:updated, agent:overload); comma-separated or repeated. All when left "
                    + "out", array = @ArraySchema(schema = @Schema(type = "string", example = "task:assigned")))
            @RequestParam(required = false) List<String> events,
            @Parameter(description = "Only the events of this task")
            @RequestParam(required = false) String taskId,
            @Parameter(description = "Only the events of this agent and of the tasks it holds or is assigned")
            @RequestParam(required = false) String agentId,
            @Parameter(description = "Only the events of tasks of this priority (P0-P3, as written)",
                    schema = @Schema(type = "string", allowableValues = {"P0", "P1", "P2", "P3"}))
            @RequestParam(required = false) String priority,
            @Parameter(description = "The id of the last event the client saw, to get what it missed first; the "
                    + "Last-Event-ID header wins when both are given")
            @RequestParam(required = false) String lastEventId,
            @Parameter(description = "The id of the last event the client saw (browsers send it when they "
                    + "reconnect), to get what it missed first")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastSeen) {
        FrameFilter filter = Subscriptions.of(events == null ? List.of() : events, taskId, agentId, priority);
        Flux<ServerSentEvent<String>> frames = live.stream(filter, lastSeen != null ? lastSeen : lastEventId)
                .map(frame -> ServerSentEvent.builder(frame.json()).event(frame.event()).id(frame.id()).build());
        Flux<ServerSentEvent<String>> keepAlive = Flux.interval(KEEP_ALIVE)
                .map(tick -> ServerSentEvent.<String>builder().comment("keep-alive").build());
        return Flux.merge(frames, keepAlive);
    }
}
