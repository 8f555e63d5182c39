package io.switchboard.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.gateway.events.SocketIoBridge;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code switchboard.gateway.live.clients} (gauge, tag {@code transport}: {@code websocket}, {@code sse},
 * {@code socketio}): clients connected to the live events now. WebSocket sessions on {@code /ws} are counted while
 * their handler runs (the handler is wrapped, unchanged otherwise); SSE connections ({@code /api/events}) while their
 * exchange is open; Socket.IO clients are those the Socket.IO server holds.
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

    /**
     * Replaces the mapping of {@code /ws} by the same mapping with the handler wrapped, to count its sessions (an
     * upgraded exchange completes at the handshake, so a web filter cannot see how long a session lasts).
     */
    @Bean
    static BeanPostProcessor webSocketSessionCounter(ObjectProvider<LiveClientsMetrics> metrics) {
        return new WebSocketCounting(metrics);
    }

    private static final class WebSocketCounting implements BeanPostProcessor, ApplicationContextAware {
        private final ObjectProvider<LiveClientsMetrics> metrics;
        private ApplicationContext context;

        WebSocketCounting(ObjectProvider<LiveClientsMetrics> metrics) {
            this.metrics = metrics;
        }

        @Override
        public void setApplicationContext(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof SimpleUrlHandlerMapping mapping
                    && mapping.getUrlMap().get("/ws") instanceof WebSocketHandler handler) {
                Map<String, Object> urls = new LinkedHashMap<>(mapping.getUrlMap());
                urls.put("/ws", new CountingHandler(handler, metrics.getObject().webSocket));
                SimpleUrlHandlerMapping counted = new SimpleUrlHandlerMapping(urls, mapping.getOrder());
                counted.setApplicationContext(context);
                return counted;
            }
            return bean;
        }
    }

    private record CountingHandler(WebSocketHandler delegate, AtomicInteger count) implements WebSocketHandler {
        @Override
        public Mono<Void> handle(WebSocketSession session) {
            return Mono.defer(() -> {
                count.incrementAndGet();
                return delegate.handle(session);
            }).doFinally(signal -> count.decrementAndGet());
        }

        @Override
        public List<String> getSubProtocols() {
            return delegate.getSubProtocols();
        }
    }

    private final class Counter implements WebFilter, Ordered {
        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            String path = exchange.getRequest().getPath().value();
            AtomicInteger count = path.equals("/api/events") ? sse : null;
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
