package io.switchboard.gateway.audit;

import io.switchboard.events.audit.AuditEntry;
import io.switchboard.gateway.security.AccessPolicy;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Exchanges;
import io.switchboard.gateway.security.JsonErrors;
import io.switchboard.gateway.security.Permission;
import io.switchboard.web.RequestIdFilter;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One audit entry for every write and every refusal that passes the gateway, durable before the answer goes out: the
 * answer's status is final when its body is about to be written, so the entry is written then, and the answer waits
 * for Kafka's acknowledgement. A write whose entry cannot be written is answered 503 instead of its result (the
 * service may have applied it: the client retries with its Idempotency-Key or reads the task); while the audit log is
 * failing, writes are refused with 503 before they reach a service. Runs before security, to see refusals too, and
 * after {@link RequestIdFilter}, whose {@code X-Request-Id} the entry shares with the gateway's and the service's logs.
 */
public final class AuditTrail implements WebFilter {

    /** Before Spring Security's chain (-100). */
    public static final int ORDER = -200;
    private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** The status recorded for a write whose client hung up before its answer (nginx's convention). */
    static final int CLIENT_CLOSED = 499;
    private static final String RETRY_AFTER_SECONDS = "1";

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
        if (isWrite(exchange) && !log.writable()) {
            return refuseUnaudited(exchange, requestId);
        }
        AtomicBoolean recorded = new AtomicBoolean();
        AuditedResponse response = new AuditedResponse(exchange, requestId, recorded);
        ServerWebExchange audited = exchange.mutate().response(response).build();
        // An answer that never reaches writeWith (a client that hung up, an error answered by a handler further out):
        // the write may still have been applied, so it is audited too, without anyone left to wait for it.
        return chain.filter(audited).doFinally(signal -> {
            if (recorded.compareAndSet(false, true)) {
                AuditEntry entry = entryFor(audited, requestId, signal == SignalType.CANCEL);
                if (entry != null) {
                    log.write(entry).onErrorComplete().subscribe();
                }
            }
        });
    }

    /** While the audit log is failing no write passes: a refusal logged here, and its entry tried as a probe. */
    private Mono<Void> refuseUnaudited(ServerWebExchange exchange, String requestId) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        AuditEntry entry = entryFor(exchange, requestId, false);
        logger.error("write refused, the audit log cannot be written: {} {} (request {})",
                exchange.getRequest().getMethod(), exchange.getRequest().getPath(), requestId);
        if (entry != null) {
            log.write(entry).onErrorComplete().subscribe();
        }
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return JsonErrors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                "The audit log cannot be written: the write was not sent to the service; retry later", "audit",
                Map.of());
    }

    private static boolean isWrite(ServerWebExchange exchange) {
        return WRITES.contains(exchange.getRequest().getMethod().name())
                && !exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/socket.io");
    }

    /** The entry for this answer, or null when it needs none (reads that were not refused). */
    private AuditEntry entryFor(ServerWebExchange exchange, String requestId, boolean cancelled) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = cancelled && !exchange.getResponse().isCommitted() ? CLIENT_CLOSED
                : status == null ? 200 : status.value();
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        String event = switch (code) {
            case 401 -> "authentication_failed";
            case 403 -> "permission_denied";
            case 429 -> "rate_limited";
            case 503 -> isWrite(exchange) && !log.writable() ? "audit_unavailable" : null;
            default -> null;
        };
        if (event == null && !isWrite(exchange)) {
            return null;
        }
        Caller caller = Exchanges.caller(exchange);
        Permission needed = policy.required(method, path);
        return new AuditEntry(clock.instant(), event == null ? "permission_granted" : event,
                caller == null ? null : caller.role().code(), needed == null ? null : needed.code(),
                UUID.randomUUID().toString(), caller == null ? "unknown" : caller.principal(), method, path, code,
                requestId);
    }

    /** Holds the answer back until its entry is acknowledged; answers 503 instead when it cannot be. */
    private final class AuditedResponse extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;
        private final String requestId;
        private final AtomicBoolean recorded;

        AuditedResponse(ServerWebExchange exchange, String requestId, AtomicBoolean recorded) {
            super(exchange.getResponse());
            this.exchange = exchange;
            this.requestId = requestId;
            this.recorded = recorded;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return afterAudit(Flux.from(body), () -> super.writeWith(body));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return afterAudit(Flux.from(body).flatMap(Flux::from), () -> super.writeAndFlushWith(body));
        }

        @Override
        public Mono<Void> setComplete() {
            return afterAudit(Flux.empty(), super::setComplete);
        }

        private Mono<Void> afterAudit(Flux<? extends DataBuffer> unsent, Supplier<Mono<Void>> answer) {
            if (!recorded.compareAndSet(false, true)) {
                return answer.get();
            }
            AuditEntry entry = entryFor(exchange, requestId, false);
            if (entry == null) {
                return answer.get();
            }
            boolean refusal = !"permission_granted".equals(entry.event());
            return log.write(entry).then(Mono.defer(answer)).onErrorResume(AuditUnavailableException.class,
                    error -> refusal ? answer.get() : unsent.doOnNext(DataBufferUtils::release).then(
                            Mono.defer(this::answerUnaudited)));
        }

        /** The service's answer is dropped: without its audit entry the gateway cannot report it as done. */
        private Mono<Void> answerUnaudited() {
            getDelegate().getHeaders().clear();
            getDelegate().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            if (requestId != null) {
                getDelegate().getHeaders().set(RequestIdFilter.HEADER, requestId);
            }
            return JsonErrors.write(exchange.mutate().response(getDelegate()).build(),
                    HttpStatus.SERVICE_UNAVAILABLE, "The audit log could not record this write, so its result is not "
                            + "reported; it may have been applied: read it back, or retry with the same "
                            + "Idempotency-Key", "audit", Map.of());
        }
    }
}
