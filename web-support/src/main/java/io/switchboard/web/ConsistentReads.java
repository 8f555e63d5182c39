package io.switchboard.web;

import io.switchboard.aggregate.Barrier;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Read-your-writes for a REST read: before it, wait (without holding a thread) until this instance has read every
 * committed state (or passed another {@link Barrier}); 503 if that takes longer than the timeout. Off when
 * {@code enabled} is false.
 * <p>
 * When the broker cannot be reached (the barrier's requests have gone unanswered for half of {@code staleAfter} when
 * a read has waited {@code staleAfter}, or for a whole {@code staleAfter} when it comes), a read does not hang: {@link #ready} answers from what this instance holds,
 * marked with {@value #STALE_HEADER} (how long ago it last confirmed it was current, in milliseconds), and
 * {@link #caughtUp} answers 503 at once with {@code Retry-After}. A store that is only catching up, with the broker
 * answering, is waited for as before.
 */
public final class ConsistentReads {

    /** Set on an answer from local state that could not be confirmed current: its age, in milliseconds. */
    public static final String STALE_HEADER = "X-Switchboard-Stale-Ms";

    private final Barrier barrier;
    private final boolean enabled;
    private final Duration timeout;
    private final Duration staleAfter;
    /** When a read last passed the barrier (System.nanoTime): the age of a stale answer is counted from here. */
    private volatile long lastPassed = System.nanoTime();

    public ConsistentReads(Barrier barrier, boolean enabled, Duration timeout, Duration staleAfter) {
        this.barrier = barrier;
        this.enabled = enabled;
        this.timeout = timeout;
        this.staleAfter = staleAfter;
    }

    /** Completes once a read may go ahead: caught up, or marked stale when the broker cannot be reached. */
    public Mono<Void> ready() {
        return ready(true);
    }

    /** Completes once caught up; never from stale state (for a write's answer, or a read that asked for a version). */
    public Mono<Void> caughtUp() {
        return ready(false);
    }

    private Mono<Void> ready(boolean staleAllowed) {
        if (!enabled) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            long asked = System.nanoTime();
            CompletableFuture<Boolean> probe = barrier.ready(timeout);
            if (barrier.unanswered().compareTo(staleAfter) >= 0) {
                // Silent for a whole staleAfter already: every read of an outage would otherwise wait it out again.
                // The probe still goes (joining the request in flight), so the first answer ends the outage.
                return unreachable(staleAllowed);
            }
            Mono<Boolean> passed = Mono.fromFuture(probe, true);
            return passed.timeout(staleAfter, Mono.defer(() -> brokerSilent() ? unreachable(staleAllowed) : passed))
                    // The barrier completes on Kafka's admin thread or the store's reader: the read runs elsewhere.
                    .publishOn(Schedulers.parallel())
                    .flatMap(caughtUp -> caughtUp ? passed(asked) : Mono.error(new ApiException(
                            HttpStatus.SERVICE_UNAVAILABLE, "State is not readable right now; retry shortly", null,
                            Map.of())));
        }).then();
    }

    private Mono<Void> passed(long asked) {
        lastPassed = Math.max(lastPassed, asked);
        return Mono.empty();
    }

    private boolean brokerSilent() {
        return barrier.unanswered().compareTo(staleAfter.dividedBy(2)) >= 0;
    }

    /**
     * A read that cannot be confirmed current: from local state, marked stale (and not counted as passed), or, when
     * that is not allowed, a fast 503.
     */
    private Mono<Boolean> unreachable(boolean staleAllowed) {
        if (!staleAllowed) {
            return Mono.error(ApiException.unavailable("Kafka cannot be reached, so this instance cannot tell whether"
                    + " it holds what was asked for; retry shortly", staleAfter));
        }
        long ageMs = Duration.ofNanos(System.nanoTime() - lastPassed).toMillis();
        return Mono.deferContextual(context -> {
            ServerWebExchangeContextFilter.getExchange(context).ifPresent(exchange ->
                    exchange.getResponse().getHeaders().set(STALE_HEADER, String.valueOf(ageMs)));
            return Mono.empty();
        });
    }
}
