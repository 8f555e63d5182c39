package io.switchboard.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.gateway.events.SocketIoBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code switchboard.gateway.live.clients} (gauge, tag {@code transport}: {@code websocket}, {@code sse},
 * {@code socketio}): clients connected to the live events now. WebSocket ({@code /ws}) and SSE
 * ({@code /api/events}) connections are counted while their exchange is open; Socket.IO clients are those the
 * Socket.IO server holds.
 */
@Configuration(proxyBeanMethods = false)
public class LiveClientsMetrics {

    public static final String LIVE_CLIENTS = "switchboard.gateway.live.clients";

    private final AtomicInteger webSocket = new AtomicInteger();
    private final AtomicInteger sse = new AtomicInteger();

    @Bean
    MeterBinder liveClientsMeters(SocketIoBridge socketIo) {
        return registry -> {
            Gauge.builder(LIVE_CLIENTS, webSocket, AtomicInteger::get).tag("transport", "websocket")
                    .description("Clients connected to the live events").strongReference(true).register(registry);
            Gauge.builder(LIVE_CLIENTS, sse, AtomicInteger::get).tag("transport", "sse")
                    .description("Clients connected to the live events").strongReference(true).register(registry);
            Gauge.builder(LIVE_CLIENTS, socketIo, SocketIoBridge::connectedClients).tag("transport", "socketio")
                    .description("Clients connected to the live events").register(registry);
        };
    }

    @Bean
    WebFilter liveClientsCounter() {
        return new Counter();
    }

    private final class Counter implements WebFilter, Ordered {
        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            String path = exchange.getRequest().getPath().value();
            AtomicInteger count = path.equals("/ws") ? webSocket : path.equals("/api/events") ? sse : null;
            if (count == null) {
                return chain.filter(exchange);
            }
            return Mono.defer(() -> {
                count.incrementAndGet();
                return chain.filter(exchange);
            }).doFinally(signal -> count.decrementAndGet());
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 1;
        }
    }
}
