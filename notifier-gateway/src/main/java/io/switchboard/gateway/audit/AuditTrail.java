package io.switchboard.gateway.audit;

import io.switchboard.events.audit.AuditEntry;
import io.switchboard.gateway.security.AccessPolicy;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Exchanges;
import io.switchboard.gateway.security.Permission;
import io.switchboard.web.RequestIdFilter;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one audit entry for every write and every refusal that passes the gateway, when its answer is committed
 * (so the status is final). Runs before security, to see refusals too, and after {@link RequestIdFilter}, whose
 * {@code X-Request-Id} the entry shares with the gateway's and the service's logs.
 */
public final class AuditTrail implements WebFilter {

    /** Before Spring Security's chain (-100). */
    public static final int ORDER = -200;
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** The status recorded for a write whose client hung up before its answer (nginx's convention). */
    static final int CLIENT_CLOSED = 499;

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
        String requestId = exchange.getRequest().getHeaders().getFirst(RequestIdFilter.HEADER);
        AtomicBoolean recorded = new AtomicBoolean();
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> once(recorded, exchange, requestId, false)));
        // A client that hangs up before its answer: the write may still have been applied, so it is audited too.
        return chain.filter(exchange).doFinally(signal -> once(recorded, exchange, requestId,
                signal == SignalType.CANCEL));
    }

    private void once(AtomicBoolean recorded, ServerWebExchange exchange, String requestId, boolean cancelled) {
        if (recorded.compareAndSet(false, true)) {
            // Off the event loop: a send can wait for Kafka's metadata while the broker is away.
            Schedulers.boundedElastic().schedule(() -> audit(exchange, requestId, cancelled));
        }
    }

    private void audit(ServerWebExchange exchange, String requestId, boolean cancelled) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = cancelled && !exchange.getResponse().isCommitted() ? CLIENT_CLOSED
                : status == null ? 200 : status.value();
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
