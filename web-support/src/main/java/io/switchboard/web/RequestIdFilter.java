package io.switchboard.web;

import io.switchboard.aggregate.CommandSender;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Correlation: every request gets an id, the caller's {@code X-Request-Id} (the gateway sets one) or a new one, sent
 * back in the response's {@code X-Request-Id} and, at the gateway, forwarded to the service that answers. While the request's handler runs on the request's thread the id is in
 * the MDC under {@code requestId} (the logging pattern shows it), and a command sent then carries it in a record
 * header, so the instance that applies the command logs it too. It is also in the Reactor context, for code that
 * continues on another thread.
 */
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    /** What a caller's id may look like: short, and nothing that could forge a log line. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        // Carried on the request too, so a proxy (the gateway) forwards it; set on the answer just before it goes, so
        // a proxied answer's own copy is replaced, not doubled.
        ServerWebExchange withId = exchange.mutate().request(request -> request.headers(headers ->
                headers.set(HEADER, id))).build();
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        Mono<Void> handled = chain.filter(withId)
                .contextWrite(context -> context.put(CommandSender.MDC_REQUEST_ID, id));
        return Mono.create(sink -> {
            String previous = MDC.get(CommandSender.MDC_REQUEST_ID);
            MDC.put(CommandSender.MDC_REQUEST_ID, id);
            try {
                // The caller's context (the server's observation, for one) goes on with the request.
                sink.onCancel(handled.contextWrite(sink.contextView())
                        .subscribe(ignored -> { }, sink::error, sink::success));
            } finally {
                if (previous == null) {
                    MDC.remove(CommandSender.MDC_REQUEST_ID);
                } else {
                    MDC.put(CommandSender.MDC_REQUEST_ID, previous);
                }
            }
        });
    }

    /** First, so that everything after it (and its logs) knows the id. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
