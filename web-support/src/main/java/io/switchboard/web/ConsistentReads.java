package io.switchboard.web;

import io.switchboard.aggregate.ReadBarrier;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Map;

/**
 * Read-your-writes for a REST read: before it, wait (without holding a thread) until this instance has read every
 * committed state; 503 if that takes longer than the timeout. Off when {@code enabled} is false.
 */
public final class ConsistentReads {

    private final ReadBarrier barrier;
    private final boolean enabled;
    private final Duration timeout;

    public ConsistentReads(ReadBarrier barrier, boolean enabled, Duration timeout) {
        this.barrier = barrier;
        this.enabled = enabled;
        this.timeout = timeout;
    }

    /** Completes once a read may go ahead. */
    public Mono<Void> ready() {
        if (!enabled) {
            return Mono.empty();
        }
        return Mono.fromFuture(() -> barrier.ready(timeout))
                // The barrier completes on Kafka's admin thread or the store's reader: the read itself runs elsewhere.
                .publishOn(Schedulers.parallel())
                .flatMap(caughtUp -> caughtUp ? Mono.<Void>empty() : Mono.error(new ApiException(
                        HttpStatus.SERVICE_UNAVAILABLE, "State is not readable right now; retry shortly",
                        null, Map.of())));
    }
}
