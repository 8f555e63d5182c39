package io.switchboard.gateway.metrics;

import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Correlation at the front door: every request gets an id, the caller's {@code X-Request-Id} when it looks sane,
 * else a new one. It is forwarded to the service that answers (whose logs and commands carry it), sent back in the
 * response, and in the MDC ({@code requestId}) while the gateway handles the request on its thread.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayRequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Bean
    WebFilter gatewayRequestIdFilter() {
        return new Filter();
    }

    private static final class Filter implements WebFilter, Ordered {
        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            String given = exchange.getRequest().getHeaders().getFirst(HEADER);
            String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
            ServerWebExchange withId = exchange.mutate().request(request -> request.headers(headers ->
                    headers.set(HEADER, id))).build();
            // Set just before the answer goes out: a proxied answer's own copy of the header is replaced, not doubled.
            withId.getResponse().beforeCommit(() -> {
                withId.getResponse().getHeaders().set(HEADER, id);
                return Mono.empty();
            });
            Mono<Void> handled = chain.filter(withId).contextWrite(context -> context.put(MDC_KEY, id));
            return Mono.create(sink -> {
                MDC.put(MDC_KEY, id);
                try {
                    sink.onCancel(handled.contextWrite(sink.contextView())
                            .subscribe(ignored -> { }, sink::error, sink::success));
                } finally {
                    MDC.remove(MDC_KEY);
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
