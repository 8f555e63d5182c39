package io.switchboard.gateway.events;

import io.switchboard.events.Topics;
import io.switchboard.gateway.routes.GatewayProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import reactor.core.publisher.Flux;

import java.util.Map;

/** The live events: one hub per instance, served over WebSocket at {@code /ws} and as Server-Sent Events. */
@Configuration(proxyBeanMethods = false)
class LiveEventsConfiguration {

    @Bean
    EventHub eventHub(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                      @Value("${switchboard.topic-prefix:}") String topicPrefix) {
        return new EventHub(bootstrapServers, new Topics(topicPrefix));
    }

    @Bean
    LiveEvents liveEvents(EventHub hub, @Value("${switchboard.gateway.client-buffer:1000}") int buffer) {
        return new LiveEvents(hub, buffer);
    }

    /**
     * {@code /ws}: JSON frames {@code {event, data, time, id}}. The query ({@code ?events=task:assigned,task:failed&
     * taskId=...&agentId=...&priority=P0}) picks the first subscription, and {@code lastEventId} replays what the client
     * missed first; a text message with the same fields as JSON ({@code {"events": [...], "taskId": ...}}) replaces
     * the subscription.
     */
    @Bean
    HandlerMapping liveEventsWebSocket(LiveEvents live, EventHub hub) {
        WebSocketHandler handler = session -> {
            FrameFilter first = Subscriptions.fromQuery(session.getHandshakeInfo().getUri());
            String lastEventId = Subscriptions.lastEventId(session.getHandshakeInfo().getUri());
            Flux<FrameFilter> filters = session.receive().map(WebSocketMessage::getPayloadAsText)
                    .map(Subscriptions::fromJson);
            Flux<Frame> firstFrames = live.stream(first, lastEventId);
            Flux<WebSocketMessage> frames = filters.map(filter -> live.stream(filter)).startWith(firstFrames)
                    .switchMap(stream -> stream)
                    // The client's messages never end by themselves: a stopping hub ends the session.
                    .takeUntilOther(hub.stopping())
                    .map(frame -> session.textMessage(frame.json()));
            return session.send(frames);
        };
        return new SimpleUrlHandlerMapping(Map.of("/ws", handler), -1);
    }

    @Bean
    SocketIoBridge socketIoBridge(EventHub hub, GatewayProperties gateway) {
        return new SocketIoBridge(hub, "127.0.0.1", gateway.socketIoPort());
    }

    @Bean
    HealthIndicator liveEventsHealthIndicator(EventHub hub) {
        return () -> (hub.healthy() ? Health.up() : Health.down()).build();
    }
}
