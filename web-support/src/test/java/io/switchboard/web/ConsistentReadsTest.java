package io.switchboard.web;

import io.switchboard.aggregate.Barrier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a read waits, answers stale, or answers 503: with barriers that pass, hang with the broker silent, or lag. */
class ConsistentReadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STALE_AFTER = Duration.ofMillis(100);

    /** A barrier that passes or not as told, whose broker has been silent for {@code silence}. */
    private record FakeBarrier(CompletableFuture<Boolean> outcome, Duration silence) implements Barrier {
        @Override
        public CompletableFuture<Boolean> ready(Duration timeout) {
            return outcome.completeOnTimeout(false, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public Duration unanswered() {
            return silence;
        }
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/tasks/T-1"));
    }

    private static Mono<Void> within(Mono<Void> read, MockServerWebExchange exchange) {
        return read.contextWrite(context -> context.put(ServerWebExchangeContextFilter.EXCHANGE_CONTEXT_ATTRIBUTE,
                exchange));
    }

    @Test
    void aBarrierThatPassesLetsTheReadGoAheadUnmarked() {
        ConsistentReads reads = new ConsistentReads(new FakeBarrier(CompletableFuture.completedFuture(true),
                Duration.ZERO), true, TIMEOUT, STALE_AFTER);
        MockServerWebExchange exchange = exchange();
        within(reads.ready(), exchange).block(Duration.ofSeconds(1));
        assertThat(exchange.getResponse().getHeaders().getFirst(ConsistentReads.STALE_HEADER)).isNull();
    }

    @Test
    void withTheBrokerSilentAReadAnswersFromLocalStateMarkedStaleSoon() {
        // Silent for more than half of staleAfter but not all of it: the read waits staleAfter, then answers stale.
        ConsistentReads reads = new ConsistentReads(new FakeBarrier(new CompletableFuture<>(), Duration.ofMillis(60)),
                true, TIMEOUT, STALE_AFTER);
        MockServerWebExchange exchange = exchange();
        long started = System.nanoTime();
        within(reads.ready(), exchange).block(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
        assertThat(Long.parseLong(exchange.getResponse().getHeaders().getFirst(ConsistentReads.STALE_HEADER)))
                .isGreaterThanOrEqualTo(STALE_AFTER.toMillis());
    }

    @Test
    void aReadDuringAnOutageAlreadyKnownIsAnsweredStaleWithoutWaitingAgain() {
        Duration staleAfter = Duration.ofSeconds(1);
        ConsistentReads reads = new ConsistentReads(new FakeBarrier(new CompletableFuture<>(), Duration.ofSeconds(3)),
                true, TIMEOUT, staleAfter);
        MockServerWebExchange exchange = exchange();
        long started = System.nanoTime();
        within(reads.ready(), exchange).block(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(staleAfter.dividedBy(2));
        assertThat(exchange.getResponse().getHeaders().getFirst(ConsistentReads.STALE_HEADER)).isNotNull();
        assertThatThrownBy(() -> within(reads.caughtUp(), exchange()).block(Duration.ofMillis(400)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(503));
    }

    @Test
    void withTheBrokerSilentAReadThatMustBeCurrentGetsAFast503WithRetryAfter() {
        ConsistentReads reads = new ConsistentReads(new FakeBarrier(new CompletableFuture<>(), Duration.ofSeconds(3)),
                true, TIMEOUT, STALE_AFTER);
        long started = System.nanoTime();
        assertThatThrownBy(() -> within(reads.caughtUp(), exchange()).block(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(503);
                    assertThat(e.retryAfter()).isEqualTo(STALE_AFTER);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
    }

    @Test
    void withTheBrokerAnsweringASlowStoreIsWaitedForAndThen503() {
        ConsistentReads reads = new ConsistentReads(new FakeBarrier(new CompletableFuture<>(), Duration.ZERO),
                true, Duration.ofMillis(400), STALE_AFTER);
        MockServerWebExchange exchange = exchange();
        long started = System.nanoTime();
        assertThatThrownBy(() -> within(reads.ready(), exchange).block(Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(503));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(exchange.getResponse().getHeaders().getFirst(ConsistentReads.STALE_HEADER)).isNull();
    }
}
