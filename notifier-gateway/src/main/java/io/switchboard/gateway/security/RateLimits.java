package io.switchboard.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

/**
 * Requests per credential (per client address for anonymous reads), counted by this gateway instance: beyond the
 * limit, 429 with {@code Retry-After} until the window turns. Runs after authentication, so an unknown key is a
 * 401, never a count against someone else's key. Resilience4j's limiter is the counting; it is already in the
 * gateway for the circuit breakers.
 */
@Component
@Order(RateLimits.ORDER)
class RateLimits implements WebFilter {

    /** After Spring Security's chain (-100), which sets the caller. */
    static final int ORDER = -90;

    /** Limiters kept at most, the least used dropped first (a dropped one starts afresh). */
    static final int MAX_LIMITERS = 100_000;

    private final boolean enabled;
    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder().maximumSize(MAX_LIMITERS).build();

    RateLimits(SecurityProperties security) {
        SecurityProperties.RateLimit limit = security.rateLimit();
        this.enabled = security.enabled() && limit.enabled();
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(limit.requests())
                .limitRefreshPeriod(limit.period())
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    private RateLimiter limiterFor(String bucket) {
        return limiters.get(bucket, name -> RateLimiter.of(name, config));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller = Exchanges.caller(exchange);
        if (!enabled || caller == null) {
            return chain.filter(exchange);
        }
        RateLimiter limiter = limiterFor(bucket(exchange, caller));
        if (limiter.acquirePermission()) {
            return chain.filter(exchange);
        }
        long waitNanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
        long seconds = Math.max(1, Duration.ofNanos(waitNanos).toSeconds() + (waitNanos % 1_000_000_000 > 0 ? 1 : 0));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return JsonErrors.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests for this credential; "
                + "retry after " + seconds + " s", "X-API-Key", Map.of());
    }

    private static String bucket(ServerWebExchange exchange, Caller caller) {
        if (!caller.anonymous()) {
            return caller.credentialId();
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "anonymous@" + (remote == null ? "unknown" : remote.getAddress().getHostAddress());
    }
}
