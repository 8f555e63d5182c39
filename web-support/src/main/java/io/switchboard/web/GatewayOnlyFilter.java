package io.switchboard.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Services trust only the gateway: when {@code switchboard.security.gateway-token} is set, every request but health
 * and metrics must carry it in {@value #HEADER} (the gateway adds it to what it routes), else 401. Off by default,
 * where a network policy lets only the gateway reach the services (deploy/k8s); this is the option for networks
 * without one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class GatewayOnlyFilter implements WebFilter {

    public static final String HEADER = "X-Switchboard-Gateway-Token";
    private static final byte[] ERROR = ("{\"success\":false,\"error\":\"Only the gateway may call this service\","
            + "\"field\":\"" + HEADER + "\"}").getBytes(StandardCharsets.UTF_8);

    private final byte[] token;

    public GatewayOnlyFilter(@Value("${switchboard.security.gateway-token:}") String token) {
        this.token = token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (token == null || exchange.getRequest().getPath().value().startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            return chain.filter(exchange);
        }
        exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(ERROR)));
    }
}
