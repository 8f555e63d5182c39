package io.switchboard.gateway.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Cache headers for the dashboard the gateway serves from the {@code dashboard} jar: the page itself ({@code /},
 * {@code /index.html}) is checked again on every load, so an upgrade shows at once; its assets have the hash of their
 * content in their names, so a browser keeps them for a year. Only successful answers get them.
 */
@Component
class DashboardCaching implements WebFilter {

    static final String PAGE = "no-cache";
    static final String ASSETS = "public, max-age=31536000, immutable";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        String policy = path.equals("/") || path.equals("/index.html") ? PAGE
                : path.startsWith("/assets/") ? ASSETS : null;
        if (policy != null) {
            exchange.getResponse().beforeCommit(() -> {
                if (HttpStatus.OK.equals(exchange.getResponse().getStatusCode())) {
                    exchange.getResponse().getHeaders().setCacheControl(policy);
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
