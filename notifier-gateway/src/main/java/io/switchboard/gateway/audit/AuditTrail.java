package io.switchboard.gateway.audit;

import io.switchboard.events.audit.AuditEntry;
import io.switchboard.gateway.security.AccessPolicy;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Exchanges;
import io.switchboard.gateway.security.Permission;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one audit entry for every write and every refusal that passes the gateway, when its answer is committed
 * (so the status is final). Runs first, before security, to see refusals too; gives every request an
 * {@code X-Request-Id} (the caller's, or a new one) that the services and the audit entry share.
 */
public final class AuditTrail implements WebFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    /** Before Spring Security's chain (-100). */
    public static final int ORDER = -200;
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog log;
    private final AccessPolicy policy;
    private final Clock clock;

    public AuditTrail(AuditLog log, AccessPolicy policy, Clock clock) {
        this.log = log;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
        String requestId = given == null || given.isBlank() || given.length() > 100
                ? UUID.randomUUID().toString() : given;
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(REQUEST_ID, requestId)).build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getResponse().getHeaders().set(REQUEST_ID, requestId);
        withId.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> audit(withId, requestId)));
        return chain.filter(withId);
    }

    private void audit(ServerWebExchange exchange, String requestId) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        String event = switch (code) {
            case 401 -> "authentication_failed";
            case 403 -> "permission_denied";
            case 429 -> "rate_limited";
            default -> null;
        };
        boolean write = WRITES.contains(method) && !path.startsWith("/socket.io");
        if (event == null && !write) {
            return;
        }
        Caller caller = Exchanges.caller(exchange);
        Permission needed = policy.required(method, path);
        AuditEntry entry = new AuditEntry(clock.instant(), event == null ? "permission_granted" : event,
                caller == null ? null : caller.role().code(), needed == null ? null : needed.code(),
                UUID.randomUUID().toString(), caller == null ? "unknown" : caller.principal(), method, path, code,
                requestId);
        log.record(entry);
    }
}
